// Codex CLI in the bench: the OpenAI Responses API fake as a custom model provider in CODEX_HOME/config.toml,
// on-request approvals in a read-only sandbox: commands that ask for escalation and every edit draw a dialog.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { askCodexHooks } from '../../../core/hooks/codex-trust.js';
import { codexHookOverrides, hookCommandOf } from '../../../core/hooks/wiring.js';
import { endpointFile } from '../../../core/control/place.js';
import { BUILTIN_PROFILES } from '../../../core/screen/profiles/index.js';
import type { AgentAdapter } from '../harness/adapter.js';
import { responsesHandler } from '../harness/fake-api/openai-responses.js';
import { findInstalled } from '../harness/installed.js';

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

const builtHook = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'hook.js');

/**
 * The person's trust in nightshift's hooks, given once as they would in Codex's /hooks screen: Codex lists the hooks
 * the night will add (the same -c overrides, the built client) with the hash it computes, and each is recorded as
 * trusted in CODEX_HOME/config.toml. nightshift itself never does this.
 */
async function trustAsThePerson(root: string, project: string, env: Record<string, string>): Promise<void> {
  const hookCommand = hookCommandOf({
    agent: 'codex',
    kind: 'codex-config',
    endpointFile: endpointFile(join(root, 'state')),
    client: `${process.execPath} ${builtHook}`,
  });
  const { overrides, commands } = codexHookOverrides(BUILTIN_PROFILES.codex!.channel!.events, hookCommand);
  const hooks = await askCodexHooks({ program: findInstalled('codex').bin, overrides, cwd: project, env });
  const ours = hooks.filter((h) => h.source === 'sessionFlags' && commands.includes(h.command ?? ''));
  if (ours.length !== commands.length)
    throw new Error(`Codex listed ${ours.length} of ${commands.length} hooks`);
  appendFileSync(
    join(env.CODEX_HOME!, 'config.toml'),
    ours
      .map(
        (h) => `\n[hooks.state.${JSON.stringify(h.key)}]\ntrusted_hash = ${JSON.stringify(h.currentHash)}\n`,
      )
      .join(''),
  );
}

/** The Codex CLI adapter. */
export const codex: AgentAdapter = {
  name: 'codex',
  profile: 'codex',
  api: (script) => responsesHandler(script),
  async prepare(sandbox, apiUrl, options) {
    const codexHome = join(sandbox.home, '.codex');
    mkdirSync(codexHome, { recursive: true });
    writeFileSync(join(codexHome, 'config.toml'), codexConfig(apiUrl, sandbox.project, !options.untrusted));
    if (options.hooks === true)
      await trustAsThePerson(sandbox.root, sandbox.project, this.env(sandbox, apiUrl, options));
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
