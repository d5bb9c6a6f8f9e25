// The shared screen corpus (../shared/corpus/screens beside the repo): screens, sidecars and tmux state.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PaneStateRecord } from '../../core/screen/text-snapshot.js';

/** Where the corpus lives: ../shared/corpus/screens from the repository root. */
export const CORPUS_DIR = resolve(
  fileURLToPath(new URL('../..', import.meta.url)),
  '../shared/corpus/screens',
);

/** A confirm or limit screen's expected answer (see the corpus README). */
export interface Sidecar {
  readonly class: string;
  readonly tmux_keys?: readonly string[] | null;
  readonly deny_tmux_keys?: readonly string[] | null;
  readonly command?: string | null;
  readonly command_kind?: 'shell' | 'action' | null;
  readonly dangerous?: boolean;
  readonly reset_kind?: 'clock' | 'datetime' | 'relative' | 'epoch' | null;
  readonly reset_time?: string | null;
  readonly reset_month_day?: string | null;
  readonly reset_year?: number | null;
  readonly reset_tz?: string | null;
  readonly reset_in_seconds?: number | null;
  readonly reset_epoch?: number | null;
}

/** One corpus screen. */
export interface CorpusScreen {
  readonly name: string;
  /** the class the file name gives: confirm, secret, input, busy, limit, error, output */
  readonly expected: string;
  readonly text: string;
  readonly state: PaneStateRecord | undefined;
  readonly sidecar: Sidecar | undefined;
}

/** Every screen of the corpus, sorted by name; empty when the corpus is not beside the repo. */
export function loadCorpus(dir = CORPUS_DIR): CorpusScreen[] {
  if (!existsSync(dir)) return [];
  const states = readStates(resolve(dir, 'tmux-state.tsv'));
  return readdirSync(dir)
    .filter((f) => /^[a-z]+__[a-z0-9-]+__\d+\.txt$/.test(f))
    .sort()
    .map((f) => {
      const name = f.slice(0, -4);
      const side = resolve(dir, `${name}.json`);
      return {
        name,
        expected: name.split('__')[0]!,
        text: readFileSync(resolve(dir, f), 'utf8'),
        state: states.get(name),
        sidecar: existsSync(side) ? (JSON.parse(readFileSync(side, 'utf8')) as Sidecar) : undefined,
      };
    });
}

function readStates(file: string): Map<string, PaneStateRecord> {
  const out = new Map<string, PaneStateRecord>();
  if (!existsSync(file)) return out;
  const [head, ...rows] = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const cols = head!.split('\t');
  for (const row of rows) {
    const cells = row.split('\t');
    const record: Record<string, string | number> = {};
    cols.slice(1).forEach((c, i) => {
      const v = cells[i + 1] ?? '';
      record[c] = /^-?\d+$/.test(v) ? Number(v) : v;
    });
    out.set(cells[0]!, record as PaneStateRecord);
  }
  return out;
}
