// Gemini CLI in the bench: the Gemini API fake, and settings that pick API-key auth with no telemetry or update checks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dailyQuota, invalidKey, longRetryQuota, serverError, startGeminiFake, type GeminiTurn } from '../fake-api/gemini.js';
import { agentBinary, pinned } from './agent-cache.js';
import type { AgentAdapter, Step } from './types.js';

/** A step as a Gemini API turn. */
export function geminiTurn(step: Step): GeminiTurn {
  if ('say' in step) return { say: step.say };
  if ('run' in step) return { run: step.run, description: step.reason };
  if ('create' in step) return { write: step.create, content: step.content };
  if ('edit' in step) return { replace: step.edit, old: step.old, new: step.new };
  const fail = {
    'usage-limit': () =>
      step.resetAt ? longRetryQuota(Math.max(60, Math.round((step.resetAt.getTime() - Date.now()) / 1000))) : dailyQuota(),
    quota: dailyQuota,
    'invalid-key': invalidKey,
    'server-error': () => serverError(500),
  }[step.fail]();
  return { fail };
}

/** The user settings of a sandboxed Gemini CLI. */
export function geminiSettings(): object {
  return {
    security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: true } },
    general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
    privacy: { usageStatisticsEnabled: false },
    telemetry: { enabled: false },
    model: { name: 'gemini-2.5-pro' },
  };
}

/** The Gemini CLI adapter. */
export const geminiAdapter: AgentAdapter = {
  name: 'gemini',
  profile: 'gemini',
  version: pinned('gemini').version,
  async startApi(steps) {
    const fake = await startGeminiFake(steps.map(geminiTurn));
    return {
      get requests() {
        return fake.requests;
      },
      get served() {
        return fake.served;
      },
      origin: fake.origin,
      toolOutputs: () => fake.toolOutputs().map((o) => JSON.stringify(o.response)),
      userTurns: () => fake.userTurns(),
      close: () => fake.close(),
    };
  },
  prepare(sandbox, api, { trusted }) {
    const dir = join(sandbox.home, '.gemini');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), `${JSON.stringify(geminiSettings(), null, 2)}\n`);
    const trustFile = join(dir, 'trustedFolders.json');
    writeFileSync(trustFile, `${JSON.stringify(trusted ? { [sandbox.project]: 'TRUST_FOLDER' } : {}, null, 2)}\n`);
    const systemSettings = join(sandbox.root, 'gemini-system-settings.json');
    writeFileSync(systemSettings, '{}\n');
    return {
      command: agentBinary('gemini'),
      cwd: sandbox.project,
      profile: 'gemini',
      env: {
        HOME: sandbox.home,
        GEMINI_API_KEY: 'fake-bench-gemini-key',
        GOOGLE_GEMINI_BASE_URL: api.origin,
        GEMINI_CLI_SYSTEM_SETTINGS_PATH: systemSettings,
        GEMINI_CLI_TRUSTED_FOLDERS_PATH: trustFile,
        NO_BROWSER: 'true',
        TERM: 'xterm-256color',
      },
    };
  },
};
