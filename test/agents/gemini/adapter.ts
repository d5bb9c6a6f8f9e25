// Gemini CLI in the bench: the Gemini API fake behind GOOGLE_GEMINI_BASE_URL, API-key auth chosen in settings,
// no telemetry, no update checks, its own system settings and trusted-folders files in the sandbox.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentAdapter } from '../harness/adapter.js';
import { geminiHandler } from '../harness/fake-api/gemini.js';

/** The user settings of a sandboxed Gemini CLI. */
export const GEMINI_SETTINGS = {
  security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: true } },
  general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
  privacy: { usageStatisticsEnabled: false },
  telemetry: { enabled: false },
  model: { name: 'gemini-2.5-pro' },
};

const gemini_ = (home: string) => join(home, '.gemini');

/** The Gemini CLI adapter. */
export const gemini: AgentAdapter = {
  name: 'gemini',
  profile: 'gemini',
  api: (script) => geminiHandler(script),
  prepare(sandbox, _apiUrl, options) {
    const dir = gemini_(sandbox.home);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), `${JSON.stringify(GEMINI_SETTINGS, null, 2)}\n`);
    const trusted = options.untrusted ? {} : { [sandbox.project]: 'TRUST_FOLDER' };
    writeFileSync(join(dir, 'trustedFolders.json'), `${JSON.stringify(trusted, null, 2)}\n`);
    writeFileSync(join(sandbox.root, 'gemini-system-settings.json'), '{}\n');
  },
  env(sandbox, apiUrl) {
    return {
      HOME: sandbox.home,
      GEMINI_API_KEY: 'bench-fake-gemini-key',
      GOOGLE_GEMINI_BASE_URL: apiUrl,
      GEMINI_CLI_SYSTEM_SETTINGS_PATH: join(sandbox.root, 'gemini-system-settings.json'),
      GEMINI_CLI_TRUSTED_FOLDERS_PATH: join(gemini_(sandbox.home), 'trustedFolders.json'),
      NO_BROWSER: 'true',
      TERM: 'xterm-256color',
    };
  },
  command: (installed) => ({ start: installed.bin, resume: `${installed.bin} --resume latest` }),
};
