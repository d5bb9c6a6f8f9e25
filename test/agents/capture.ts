// Writes the real screens a scenario saw: labelled ones in the corpus format (<class>__<agent>__<n>.txt + .json +
// .tmux.json), every distinct one under all/<scenario>-<size>/ for the screens engineer to label.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PaneScreen } from './night-run.js';

/** What a labelled screen should be read as. */
export interface ScreenLabel {
  readonly class: 'confirm' | 'input' | 'busy' | 'limit' | 'error' | 'output' | 'secret';
  /** the keys a right approval sends (tmux key names or literal text), or null when it must not be approved */
  readonly tmuxKeys?: readonly string[] | null;
  readonly denyTmuxKeys?: readonly string[] | null;
  readonly command?: string | null;
  readonly commandKind?: 'shell' | 'action' | null;
  readonly dangerous?: boolean;
  /** the right decision: approve, decline/hold (escalate), wait (limit) or none */
  readonly decision: 'approve' | 'escalate' | 'wait' | 'none';
  readonly note?: string;
  readonly limit?: Readonly<Record<string, unknown>>;
}

/** Where captures go: $NIGHTSHIFT_AGENTS_CAPTURE, else /work/captures when it exists; undefined turns capturing off. */
export function captureRoot(): string | undefined {
  if (process.env.NIGHTSHIFT_AGENTS_CAPTURE) return process.env.NIGHTSHIFT_AGENTS_CAPTURE;
  return existsSync('/work/captures') ? '/work/captures' : undefined;
}

const normal = (text: string) => text.replace(/[0-9⠀-⣿◐◓◑◒•·]/g, '');

function nextNumber(dir: string, cls: string, agent: string): number {
  const taken = readdirSync(dir)
    .map((f) => new RegExp(`^${cls}__${agent}__(\\d+)\\.txt$`).exec(f)?.[1])
    .filter(Boolean)
    .map(Number);
  return Math.max(0, ...taken) + 1;
}

/** Saves a scenario's screens; `label` names the ones that are the scenario's point (dialog, limit, error). */
export function saveScreens(
  agent: string,
  version: string,
  scenario: string,
  size: { cols: number; rows: number },
  screens: readonly PaneScreen[],
  label: (screen: PaneScreen) => ScreenLabel | undefined,
): void {
  const root = captureRoot();
  if (!root) return;
  const dir = join(root, agent);
  const all = join(dir, 'all', `${scenario}-${size.cols}x${size.rows}`);
  mkdirSync(all, { recursive: true });
  const seen = new Set<string>();
  const labelled = new Set<string>();
  screens.forEach((screen, i) => {
    const key = normal(screen.text);
    if (seen.has(key)) return;
    seen.add(key);
    const tmux = {
      cursor_x: screen.cursor.x,
      cursor_y: screen.cursor.y,
      cursor_flag: screen.cursor.visible ? 1 : 0,
      alternate_on: screen.alternate ? 1 : 0,
      pane_in_mode: 0,
      pane_dead: 0,
      pane_current_command: screen.command,
      tty_mode: 'raw',
    };
    const meta = { agent, version, scenario, size: `${size.cols}x${size.rows}`, at: new Date(screen.at).toISOString() };
    writeFileSync(join(all, `${String(i).padStart(3, '0')}.txt`), screen.text);
    writeFileSync(join(all, `${String(i).padStart(3, '0')}.json`), `${JSON.stringify({ ...meta, tmux }, null, 2)}\n`);
    const l = label(screen);
    if (!l || labelled.has(`${l.class}:${l.decision}`)) return;
    labelled.add(`${l.class}:${l.decision}`);
    const n = nextNumber(dir, l.class, agent);
    const base = join(dir, `${l.class}__${agent}__${n}`);
    writeFileSync(`${base}.txt`, screen.text);
    writeFileSync(`${base}.tmux.json`, `${JSON.stringify(tmux)}\n`);
    writeFileSync(
      `${base}.json`,
      `${JSON.stringify(
        {
          class: l.class,
          program: agent,
          tmux_keys: l.tmuxKeys ?? null,
          deny_tmux_keys: l.denyTmuxKeys ?? null,
          command: l.command ?? null,
          command_kind: l.commandKind ?? null,
          dangerous: l.dangerous ?? false,
          decision: l.decision,
          note: l.note ?? '',
          ...l.limit,
          ...meta,
        },
        null,
        2,
      )}\n`,
    );
  });
}
