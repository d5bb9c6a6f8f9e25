import { z } from 'zod';
import { definePlugin, type Snapshot } from '../../core/index.js';

const SHELLS = new Set(['bash', 'zsh', 'sh', 'dash', 'fish', 'ksh', 'tcsh', 'csh']);
const SHELL_PROMPT = /(?:^|\s)[\w.@:~/-]*[$#%❯›>]\s*$/;

const options = z.strictObject({
  /** also count "the agent's program is gone and the pane is back at an interactive shell prompt" */
  shellPrompt: z.boolean().default(true),
});

/** The program name of a command line: `claude --continue` → `claude`. */
function program(command: string): string {
  const first =
    command
      .trim()
      .split(/\s+/)
      .find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) ?? '';
  return first.split('/').pop() ?? first;
}

/** The cursor sits at the end of a shell prompt. */
function atShellPrompt(s: Snapshot): boolean {
  const line = (s.lines[s.cursor.y] ?? '').slice(0, s.cursor.x + 1);
  return SHELL_PROMPT.test(line) && (s.lines[s.cursor.y] ?? '').trimEnd().length <= s.cursor.x + 1;
}

/**
 * `exited`: the agent's program has exited — its pane is dead (kept by remain-on-exit), or it is back at an
 * interactive shell prompt (an adopted pane whose agent quit). Rescues such as `restart` act on it.
 */
export default definePlugin<z.output<typeof options>>({
  name: 'exited',
  options,
  check(snapshot, ctx) {
    if (snapshot.dead) {
      const status = snapshot.deadStatus ?? null;
      const detail =
        snapshot.hash === 'gone'
          ? 'the pane is gone'
          : `exited${status === null ? '' : ` with status ${status}`}`;
      return {
        kind: 'exited',
        severity: 'error',
        summary: `${ctx.agent.name} ${detail}`,
        data: { status, detail },
      };
    }
    const agentIsShell = SHELLS.has(program(ctx.agent.command));
    if (
      ctx.options.shellPrompt &&
      !agentIsShell &&
      SHELLS.has(snapshot.currentCommand) &&
      atShellPrompt(snapshot)
    ) {
      return {
        kind: 'exited',
        severity: 'error',
        summary: `${ctx.agent.name} is back at a shell prompt`,
        data: { status: null, detail: 'back at a shell prompt' },
      };
    }
    return undefined;
  },
});
