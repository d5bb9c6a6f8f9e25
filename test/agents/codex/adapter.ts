// Codex CLI in the bench: the OpenAI Responses API fake as a custom model provider in CODEX_HOME/config.toml,
// on-request approvals in a read-only sandbox: commands that ask for escalation and every edit draw a dialog.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentAdapter } from '../harness/adapter.js';
import { responsesHandler } from '../harness/fake-api/openai-responses.js';

const KEY_VAR = 'NIGHTSHIFT_BENCH_OPENAI_KEY';

/** The config.toml of a sandboxed Codex; `trusted` records the project as trusted so no trust screen shows. */
export function codexConfig(apiUrl: string, project: string, trusted: boolean): string {
  return [
    'model = "gpt-fake"',
    'model_provider = "bench"',
    'approval_policy = "on-request"',
    'sandbox_mode = "read-only"',
    'check_for_update_on_startup = false',
    '',
    '[model_providers.bench]',
    'name = "bench"',
    `base_url = "${apiUrl}/v1"`,
    `env_key = "${KEY_VAR}"`,
    'wire_api = "responses"',
    'request_max_retries = 0',
    'stream_max_retries = 0',
    '',
    ...(trusted ? [`[projects."${project}"]`, 'trust_level = "trusted"', ''] : []),
  ].join('\n');
}

/** The Codex CLI adapter. */
export const codex: AgentAdapter = {
  name: 'codex',
  profile: 'codex',
  api: (script) => responsesHandler(script),
  prepare(sandbox, apiUrl, options) {
    const codexHome = join(sandbox.home, '.codex');
    mkdirSync(codexHome, { recursive: true });
    writeFileSync(join(codexHome, 'config.toml'), codexConfig(apiUrl, sandbox.project, !options.untrusted));
  },
  env(sandbox) {
    return {
      HOME: sandbox.home,
      CODEX_HOME: join(sandbox.home, '.codex'),
      [KEY_VAR]: 'sk-bench-fake-key0',
      TERM: 'xterm-256color',
    };
  },
  command: (installed) => ({ start: installed.bin, resume: `${installed.bin} resume --last` }),
};
