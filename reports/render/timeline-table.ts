import { escapeHtml } from './html-escape.js';
import { CELL_COLOURS, NO_DATA, type TimelineGrid } from './timeline-block.js';

const CELL =
  'width:12px;min-width:12px;height:18px;padding:0;text-align:center;font:10px/18px Menlo,Consolas,monospace;border-right:1px solid #ffffff;';

/**
 * The timeline as an email-safe table: one row per agent, one 12 px cell per slot, each cell
 * coloured twice (the `bgcolor` attribute for old Outlook, an inline style for the rest) and
 * carrying its letter, so it reads without colour. No SVG, no images.
 */
export function timelineTable(grid: TimelineGrid): string {
  const cells = grid.rows[0]?.cells.length ?? 0;
  const head: string[] = ['<td style="padding:0 8px 2px 0;font:11px Arial,sans-serif;color:#757575;"></td>'];
  for (let slot = 0; slot < cells;) {
    const label = grid.labels.find((l) => l.slot === slot);
    const next = grid.labels.find((l) => l.slot > slot)?.slot ?? cells;
    const span = Math.max(1, next - slot);
    head.push(
      `<td colspan="${span}" style="padding:0 0 2px 0;font:10px Menlo,Consolas,monospace;color:#757575;text-align:left;white-space:nowrap;">${label ? escapeHtml(label.text) : ''}</td>`,
    );
    slot += span;
  }
  const rows = grid.rows.map((r) => {
    const tds = [...r.cells].map((g) => {
      const c = CELL_COLOURS[g] ?? CELL_COLOURS[NO_DATA]!;
      return `<td bgcolor="${c.bg}" title="${escapeHtml(c.label)}" style="${CELL}background-color:${c.bg};color:${c.fg};">${g === NO_DATA ? '&nbsp;' : escapeHtml(g)}</td>`;
    });
    return `<tr><td style="padding:0 8px 0 0;font:12px Arial,sans-serif;color:#212121;white-space:nowrap;">${escapeHtml(r.name)}</td>${tds.join('')}</tr>`;
  });
  const legend = Object.entries(CELL_COLOURS)
    .map(
      ([g, c]) =>
        `<td bgcolor="${c.bg}" style="${CELL}background-color:${c.bg};color:${c.fg};border:1px solid #e0e0e0;">${g === NO_DATA ? '&nbsp;' : escapeHtml(g)}</td><td style="padding:0 10px 0 4px;font:11px Arial,sans-serif;color:#616161;white-space:nowrap;">${escapeHtml(c.label)}</td>`,
    )
    .join('');
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:4px 0 6px 0;">` +
    `<tr>${head.join('')}</tr>${rows.join('')}</table>` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 12px 0;"><tr>${legend}<td style="font:11px Arial,sans-serif;color:#757575;">one cell = ${grid.slotMinutes} min</td></tr></table>`
  );
}
