// Per-agent wiring of the hook channel, without touching the user's files: Claude Code gets `--settings <file>`,
// Gemini CLI a system settings file (a copy of any it had, plus our hook), Codex `-c hooks.<event>=…` overrides
// (run by Codex only once the person trusted them). The profile declares the channel.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentConfig } from '../../config/schema.js';
import { makePrivateDir, writePrivateFile } from '../files/private.js';
import type { ChannelSpec } from '../screen/profile.js';
import { askCodexTrust, codexTrustStep, type CodexTrust } from './codex-trust.js';
import { BUILTIN_PROFILES, PROFILE_ALIASES } from '../screen/profiles/index.js';

/** An agent after wiring: the command, resume and environment to start it with, and what was done. */
export interface Wired {
  readonly config: AgentConfig;
  readonly state: 'wired' | 'off';
  readonly reason: string;
  /** for a channel that runs only hooks the person trusted (Codex): asks, read-only, whether ours are */
  readonly trust?: (timeoutMs?: number) => Promise<CodexTrust>;
  /** what the person does once to trust them */
  readonly trustStep?: string;
}

/** Codex's `-c` overrides that add nightshift's hooks, one per event, with the command each runs. */
export function codexHookOverrides(
  events: readonly string[],
  hookCommand: (event: string) => string,
): { overrides: string[]; commands: string[] } {
  const commands = events.map(hookCommand);
  const overrides = events.map(
    (event, i) =>
      `hooks.${event}=[{hooks=[{type="command",command=${JSON.stringify(commands[i])},timeout=10}]}]`,
  );
  return { overrides, commands };
}

/** The agent's channel: from its profile, or for `auto` from its command's program name. */
export function channelOf(agent: AgentConfig): ChannelSpec | undefined {
  const name = PROFILE_ALIASES[agent.profile] ?? agent.profile;
  if (name !== 'auto') return BUILTIN_PROFILES[name]?.channel;
  const program = programOf(agent.command);
  return Object.values(BUILTIN_PROFILES).find((p) => p.commands.includes(program))?.channel;
}

function programOf(command: string): string {
  return programPath(command).split('/').pop() ?? '';
}

/** The program a command starts, as written (after any leading VAR=value words). */
function programPath(command: string): string {
  const words = command.trim().split(/\s+/);
  return words.find((w) => !/^\w+=/.test(w)) ?? '';
}

/** How to start the hook client: node with its small entry (built), or through tsx from source. */
export function hookClientCommand(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'hook.js');
  if (existsSync(built)) return `${quote(process.execPath)} ${quote(built)}`;
  const source = join(here, 'hook-main.ts');
  return `${quote(process.execPath)} --import ${quote(import.meta.resolve('tsx'))} ${quote(source)}`;
}

/** The command an agent's hook runs for `event`: the client with the agent, channel and endpoint. */
export function hookCommandOf(o: {
  readonly agent: string;
  readonly kind: ChannelSpec['kind'];
  readonly endpointFile: string;
  readonly client?: string;
}): (event: string) => string {
  const client = o.client ?? hookClientCommand();
  return (event) =>
    `${client} ${quote(o.agent)} ${event} --channel ${o.kind} --endpoint ${quote(o.endpointFile)}`;
}

/** Wires one agent's hooks; files go to `dir` (the night's run dir, per agent). */
export function wireAgentHooks(
  agent: AgentConfig,
  o: { readonly dir: string; readonly endpointFile: string; readonly client?: string },
): Wired {
  if (agent.hooks === false) return { config: agent, state: 'off', reason: 'hooks: false for this agent' };
  const channel = channelOf(agent);
  if (!channel) return { config: agent, state: 'off', reason: 'its profile has no hook channel' };
  const hookCommand = hookCommandOf({ ...o, agent: agent.name, kind: channel.kind });
  makePrivateDir(o.dir);
  switch (channel.kind) {
    case 'claude-settings': {
      const file = join(o.dir, 'claude-settings.json');
      const hooks = Object.fromEntries(
        channel.events.map((event) => [
          event,
          [{ hooks: [{ type: 'command', command: hookCommand(event), timeout: 10 }] }],
        ]),
      );
      writePrivateFile(file, `${JSON.stringify({ hooks }, null, 2)}\n`);
      const add = ` --settings ${quote(file)}`;
      return {
        config: {
          ...agent,
          command: agent.command + add,
          ...(agent.resume ? { resume: agent.resume + add } : {}),
        },
        state: 'wired',
        reason: `claude --settings ${file}`,
      };
    }
    case 'gemini-system-settings': {
      const file = join(o.dir, 'gemini-system-settings.json');
      const previous =
        agent.env.GEMINI_CLI_SYSTEM_SETTINGS_PATH ?? process.env.GEMINI_CLI_SYSTEM_SETTINGS_PATH;
      const settings = readJsonObject(previous ?? '/etc/gemini-cli/settings.json');
      const hooks = { ...(settings.hooks as Record<string, unknown[]> | undefined) };
      for (const event of channel.events)
        hooks[event] = [
          ...(Array.isArray(hooks[event]) ? hooks[event] : []),
          {
            ...(event === 'BeforeTool' ? { matcher: 'run_shell_command' } : {}),
            hooks: [{ type: 'command', command: hookCommand(event), timeout: 10_000 }],
          },
        ];
      writePrivateFile(file, `${JSON.stringify({ ...settings, hooks }, null, 2)}\n`);
      return {
        config: { ...agent, env: { ...agent.env, GEMINI_CLI_SYSTEM_SETTINGS_PATH: file } },
        state: 'wired',
        reason: `GEMINI_CLI_SYSTEM_SETTINGS_PATH=${file}${previous ? ` (a copy of ${previous} with our hooks added)` : ''}`,
      };
    }
    case 'codex-config': {
      // Codex runs a hook only once the person trusted its exact definition (`/hooks`); nightshift never writes that
      // trust nor bypasses it. The hooks are the same every night (no per-night path), so one trust holds.
      const { overrides, commands } = codexHookOverrides(channel.events, hookCommand);
      const add = overrides.map((v) => ` -c ${quote(v)}`).join('');
      const program = programPath(agent.command);
      const ask = { program, overrides, cwd: agent.cwd };
      return {
        config: {
          ...agent,
          command: agent.command + add,
          ...(agent.resume ? { resume: agent.resume + add } : {}),
        },
        state: 'wired',
        reason: `codex -c hooks.{${channel.events.join(',')}} (runs once the person trusted them in Codex's /hooks)`,
        trust: (timeoutMs) =>
          askCodexTrust({ ...ask, commands, env: agent.env, ...(timeoutMs ? { timeoutMs } : {}) }),
        trustStep: codexTrustStep(ask),
      };
    }
  }
}

function readJsonObject(file: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Quotes a word for a POSIX shell. */
function quote(word: string): string {
  return /^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
