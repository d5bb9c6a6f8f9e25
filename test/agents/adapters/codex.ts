// Codex CLI in the bench: the Responses API fake, and CODEX_HOME/config.toml with a custom model provider.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  insufficientQuota,
  invalidKey,
  serverError,
  startResponsesFake,
  usageLimit,
  type ResponsesTurn,
} from '../fake-api/openai-responses.js';
import { agentBinary, pinned } from './agent-cache.js';
import type { AgentAdapter, Step } from './types.js';

const KEY_VAR = 'NIGHTSHIFT_BENCH_OPENAI_KEY';

/** A step as a Responses API turn; files are written with Codex's patch format through its shell tool. */
export function codexTurn(step: Step): ResponsesTurn {
  if ('say' in step) return { say: step.say };
  if ('run' in step) return { run: step.run, reason: step.reason };
  if ('create' in step) {
    const lines = step.content.replace(/\n$/, '').split('\n').map((l) => `+${l}`);
    return { patch: ['*** Begin Patch', `*** Add File: ${step.create}`, ...lines, '*** End Patch'].join('\n'), reason: `Create ${step.create}` };
  }
  if ('edit' in step)
    return {
      patch: ['*** Begin Patch', `*** Update File: ${step.edit}`, '@@', `-${step.old}`, `+${step.new}`, '*** End Patch'].join('\n'),
      reason: `Edit ${step.edit}`,
    };
  const fail = {
    'usage-limit': () => usageLimit(step.resetAt ?? new Date(Date.now() + 3 * 3600_000)),
    quota: insufficientQuota,
    'invalid-key': invalidKey,
    'server-error': () => serverError(500),
  }[step.fail]();
  return { fail };
}

/** The config.toml of a sandboxed Codex: the fake provider, on-request approvals in a workspace-write sandbox. */
export function codexConfig(baseUrl: string, project: string, trusted: boolean): string {
  return [
    'model = "gpt-fake"',
    'model_provider = "fake"',
    'approval_policy = "on-request"',
    'sandbox_mode = "workspace-write"',
    'check_for_update_on_startup = false',
    '',
    '[model_providers.fake]',
    'name = "fake"',
    `base_url = "${baseUrl}"`,
    `env_key = "${KEY_VAR}"`,
    'wire_api = "responses"',
    'request_max_retries = 0',
    'stream_max_retries = 0',
    '',
    ...(trusted ? [`[projects."${project}"]`, 'trust_level = "trusted"', ''] : []),
  ].join('\n');
}

/** The Codex CLI adapter. */
export const codexAdapter: AgentAdapter = {
  name: 'codex',
  profile: 'codex',
  version: pinned('codex').version,
  async startApi(steps) {
    const fake = await startResponsesFake(steps.map(codexTurn));
    return {
      get requests() {
        return fake.requests;
      },
      get served() {
        return fake.served;
      },
      origin: fake.baseUrl,
      toolOutputs: () => fake.toolOutputs().map((o) => o.output),
      userTurns: () => fake.userTurns(),
      close: () => fake.close(),
    };
  },
  prepare(sandbox, api, { trusted }) {
    const codexHome = join(sandbox.home, '.codex');
    mkdirSync(codexHome, { recursive: true });
    writeFileSync(join(codexHome, 'config.toml'), codexConfig(api.origin, sandbox.project, trusted));
    return {
      command: agentBinary('codex'),
      cwd: sandbox.project,
      profile: 'codex',
      env: { HOME: sandbox.home, CODEX_HOME: codexHome, [KEY_VAR]: 'sk-fake-bench-key0', TERM: 'xterm-256color' },
    };
  },
};
