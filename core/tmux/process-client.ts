// The one-shot path: one `tmux` process per command. The fallback when control mode is off or cannot attach.
import { execa } from 'execa';
import { splitLines, type CommandChannel, type CommandResult } from './channel.js';
import { isNoServer, tmuxMissing, tmuxTimeout } from './errors.js';
import type { Invocation } from './invocation.js';
import type { TmuxCommand } from './quote.js';

/** Creates the process channel. Commands of a batch run one after another; after "no server" the rest are not spawned. */
export function createProcessClient(invocation: Invocation, timeoutMs: number): CommandChannel {
  return {
    async run(commands) {
      const results: CommandResult[] = [];
      for (const command of commands) {
        const previous = results[results.length - 1];
        if (previous && !previous.ok && isNoServer(previous.lines.join(' '))) results.push(previous);
        else results.push(await runOnce(invocation, command, timeoutMs));
      }
      return results;
    },
  };
}

/** Spawns `tmux <global flags> <command>` and waits for it. */
export async function runOnce(
  invocation: Invocation,
  command: TmuxCommand,
  timeoutMs: number,
): Promise<CommandResult> {
  const result = await execa(invocation.bin, [...invocation.globalArgs, ...command], {
    reject: false,
    timeout: timeoutMs,
    env: invocation.env,
    extendEnv: false,
    stdin: 'ignore',
    stripFinalNewline: false,
  });
  if (result.code === 'ENOENT') throw tmuxMissing(invocation.bin, result.cause);
  if (result.timedOut) throw tmuxTimeout(command, timeoutMs);
  if (result.exitCode === 0) return { ok: true, lines: splitLines(result.stdout) };
  const message = splitLines(result.stderr || result.stdout);
  return {
    ok: false,
    lines: message.length ? message : [result.shortMessage ?? `exit code ${result.exitCode}`],
  };
}
