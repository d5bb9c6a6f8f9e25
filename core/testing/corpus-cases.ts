// Screen-corpus directories as PaneTester cases: what `nightshift replay --export DIR` writes (and the shared corpus'
// layout): NAME.txt screens, NAME.json labels, tmux-state.tsv with each screen's cursor and pane flags.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PaneCase } from './pane-tester.js';
import type { Screen } from './screen.js';

/** The label fields a case is made from (see core/replay/export-corpus.ts for the whole label). */
interface Label {
  readonly program?: string;
  /** the keys the night sent on this screen; [] when it held or blocked; absent: no expectation */
  readonly sent?: readonly string[] | null;
}

/**
 * One PaneTester case per screen in `dir`, sorted by name: the screen with its cursor and pane flags, the agent's
 * profile from the label's `program`, and, when the label says what the night sent there, `expect: { sent }`.
 * `options` are merged into every case (ticks, config, agent overrides…).
 */
export function loadCorpusCases(
  dir: string,
  options: Partial<Omit<PaneCase, 'name' | 'screens'>> = {},
): PaneCase[] {
  const states = readStates(join(dir, 'tmux-state.tsv'));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -4);
      const labelFile = join(dir, `${name}.json`);
      const label = existsSync(labelFile) ? (JSON.parse(readFileSync(labelFile, 'utf8')) as Label) : {};
      const text = readFileSync(join(dir, file), 'utf8').replace(/\n$/, '');
      const state = states.get(name);
      const screen: Screen = {
        text,
        ...(state && {
          cursor: { x: Number(state.cursor_x), y: Number(state.cursor_y) },
          dead: state.pane_dead === '1',
          inMode: state.pane_in_mode === '1',
          alternateOn: state.alternate_on === '1',
          command: state.pane_current_command,
        }),
      };
      const agent = label.program && label.program !== 'generic' ? { profile: label.program } : undefined;
      return {
        ...options,
        name,
        screens: [screen],
        agent: { ...agent, ...options.agent },
        expect: { ...(Array.isArray(label.sent) && { sent: label.sent }), ...options.expect },
      };
    });
}

/** tmux-state.tsv: one row per screen name, columns by the header's names. */
function readStates(file: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  if (!existsSync(file)) return out;
  const [header, ...rows] = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const names = (header ?? '').split('\t');
  for (const row of rows) {
    const cells = row.split('\t');
    out.set(cells[0]!, Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ''])));
  }
  return out;
}
