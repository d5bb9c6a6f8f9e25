// The timeline travels inside the markdown as a fenced block that reads well as plain text; the
// HTML renderer turns the same block into a coloured table.
import type { Activity } from '../model/types.js';

/** The fence info string that marks a timeline block. */
export const TIMELINE_INFO = 'nightshift-timeline';

/** One letter per activity, so the row reads without colour (plain text, dark mode, colour blindness). */
export const GLYPH: Readonly<Record<Activity, string>> = {
  active: 'A',
  idle: 'I',
  waiting: 'W',
  limited: 'L',
  error: 'E',
  down: 'X',
};
/** The cell for a slot without data. */
export const NO_DATA = '·';

/** Cell colours by glyph: background, text. Light backgrounds keep the letters legible. */
export const CELL_COLOURS: Readonly<Record<string, { bg: string; fg: string; label: string }>> = {
  A: { bg: '#a5d6a7', fg: '#1b5e20', label: 'active' },
  I: { bg: '#e0e0e0', fg: '#424242', label: 'idle' },
  W: { bg: '#ffb74d', fg: '#4e2600', label: 'waiting for a person' },
  L: { bg: '#90caf9', fg: '#0d3c61', label: 'usage limit' },
  E: { bg: '#ef9a9a', fg: '#7f0000', label: 'error' },
  X: { bg: '#616161', fg: '#ffffff', label: 'not running' },
  [NO_DATA]: { bg: '#ffffff', fg: '#9e9e9e', label: 'no data' },
};

/** The timeline as data: hour labels by slot index, one row of glyphs per agent. */
export interface TimelineGrid {
  /** label (e.g. `23`) at the slot where each hour starts */
  readonly labels: readonly { readonly slot: number; readonly text: string }[];
  readonly rows: readonly { readonly name: string; readonly cells: string }[];
  readonly slotMinutes: number;
}

const BAR = '│';

/** Writes the grid as a fenced block: a header line, `name │cells│` rows, and a legend. */
export function timelineBlock(grid: TimelineGrid): string {
  const width = Math.max(4, ...grid.rows.map((r) => r.name.length)) + 1;
  const cells = grid.rows[0]?.cells.length ?? 0;
  // as wide as the longest label needs: a label at the last slots is never cut ("21:50", not "21:5")
  const end = Math.max(cells + 2, ...grid.labels.map((l) => l.slot + l.text.length));
  const header = new Array<string>(end).fill(' ');
  let free = 0;
  for (const l of grid.labels) {
    if (l.slot < free) continue;
    for (let i = 0; i < l.text.length; i++) header[l.slot + i] = l.text[i]!;
    free = l.slot + l.text.length + 1;
  }
  const lines = [
    `${' '.repeat(width)} ${header.join('').trimEnd()}`,
    ...grid.rows.map((r) => `${r.name.padEnd(width)}${BAR}${r.cells}${BAR}`),
    '',
    `one cell = ${grid.slotMinutes} min · ` +
      Object.entries(CELL_COLOURS)
        .map(([g, c]) => `${g} ${c.label}`)
        .join(' · '),
  ];
  return '```' + TIMELINE_INFO + '\n' + lines.join('\n') + '\n```';
}

/** Reads a timeline block's body back into a grid (for the HTML table); undefined if it is not one. */
export function parseTimelineBlock(body: string): TimelineGrid | undefined {
  const lines = body.split('\n');
  const header = lines[0] ?? '';
  const rows: { name: string; cells: string }[] = [];
  let start = -1;
  for (const line of lines.slice(1)) {
    const open = line.indexOf(BAR);
    const close = line.lastIndexOf(BAR);
    if (open < 0 || close <= open) continue;
    start = open + 1;
    rows.push({ name: line.slice(0, open).trim(), cells: line.slice(open + 1, close) });
  }
  if (rows.length === 0) return undefined;
  const labels: { slot: number; text: string }[] = [];
  for (const m of header.matchAll(/\S+/g)) labels.push({ slot: (m.index ?? 0) - start, text: m[0] });
  const legend = lines.find((l) => l.startsWith('one cell = '));
  const slotMinutes = Number(legend?.match(/one cell = (\d+)/)?.[1] ?? 0);
  return { labels: labels.filter((l) => l.slot >= 0), rows, slotMinutes };
}
