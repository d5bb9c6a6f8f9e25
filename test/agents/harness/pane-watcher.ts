// Watches the agent's pane from outside nightshift: every distinct screen with the time it was first drawn, the
// cursor and pane flags (for `nightshift classify` sidecars), and the pane's process for the HOME safety check.
import { execa } from 'execa';
import { readFileSync } from 'node:fs';

/** One screen as tmux showed it, first seen at `at`. */
export interface SeenScreen {
  readonly at: number;
  readonly text: string;
  /** `tmux display -p` fields, as `nightshift classify` reads them from a `.tmux.json` sidecar */
  readonly pane: Readonly<Record<string, string | number>>;
}

/** A running watcher. */
export interface PaneWatcher {
  readonly screens: SeenScreen[];
  /** the newest screen's text ('' before the pane exists) */
  latest(): string;
  /** the pane's process id once the pane exists */
  panePid(): number | undefined;
  stop(): Promise<void>;
}

const FORMAT = [
  'cursor_x',
  'cursor_y',
  'cursor_flag',
  'pane_in_mode',
  'pane_dead',
  'pane_current_command',
  'pane_width',
  'pane_height',
  'alternate_on',
  'pane_pid',
];

/** Polls `capture-pane` of `target` on tmux server `socket` every `every` ms until stopped. */
export function watchPane(socket: string, target: string, every = 100): PaneWatcher {
  const screens: SeenScreen[] = [];
  let pid: number | undefined;
  let stopped = false;
  const tmux = (args: string[]) =>
    execa('tmux', ['-L', socket, ...args], { reject: false, env: { TMUX: undefined } });
  const loop = (async () => {
    while (!stopped) {
      const at = Date.now();
      const [text, info] = await Promise.all([
        tmux(['capture-pane', '-p', '-t', target]),
        tmux(['display-message', '-p', '-t', target, FORMAT.map((f) => `#{${f}}`).join('\t')]),
      ]);
      if (text.exitCode === 0 && info.exitCode === 0) {
        const values = info.stdout.split('\t');
        const pane = Object.fromEntries(
          FORMAT.map((f, i) => {
            const v = values[i] ?? '';
            return [f, /^\d+$/.test(v) ? Number(v) : v];
          }),
        );
        pid = typeof pane.pane_pid === 'number' ? pane.pane_pid : pid;
        const previous = screens.at(-1);
        if (!previous || previous.text !== text.stdout) screens.push({ at, text: text.stdout, pane });
      }
      await new Promise((r) => setTimeout(r, every));
    }
  })();
  return {
    screens,
    latest: () => screens.at(-1)?.text ?? '',
    panePid: () => pid,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** PF_EXITING in /proc/PID/stat's flags: the process is on its way out */
const PF_EXITING = 0x4;

/**
 * Whether a process is exiting: its memory, and with it its environment, is gone (an empty read), and it runs
 * nothing more. A live process started with an empty environment (`env -i`) is not exiting, and counts as one
 * without HOME.
 */
function exiting(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return /^[ZX]$/.test(fields[0] ?? '') || (Number(fields[6]) & PF_EXITING) !== 0;
  } catch {
    return true;
  }
}

/** One process of a tree and the value of an environment variable in it (null when the process has none). */
export interface ProcessValue {
  readonly pid: number;
  /** its command line, for the message when it is the wrong one */
  readonly command: string;
  readonly value: string | null;
}

/** The value of `name` in the environment of process `pid` and of every descendant (Linux /proc). */
export function environOfTree(pid: number, name: string): ProcessValue[] {
  const values: ProcessValue[] = [];
  const visit = (p: number, depth: number) => {
    if (depth > 8) return;
    try {
      const raw = readFileSync(`/proc/${p}/environ`, 'utf8');
      if (raw === '' && exiting(p)) return;
      const entry = raw.split('\0').find((e) => e.startsWith(`${name}=`));
      const command = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 120);
      values.push({ pid: p, command, value: entry === undefined ? null : entry.slice(name.length + 1) });
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean);
      for (const c of children) visit(Number(c), depth + 1);
    } catch {
      // the process ended meanwhile
    }
  };
  visit(pid, 0);
  return values;
}
