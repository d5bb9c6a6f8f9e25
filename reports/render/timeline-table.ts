import { escapeHtml } from './html-escape.js';
import { CELL_COLOURS, NO_DATA, type TimelineGrid } from './timeline-block.js';

/** Slot width in pixels; a run of equal slots is one cell spanning them. */
const SLOT_PX = 12;

/** Consecutive equal glyphs as [glyph, length] runs. */
function runs(cells: string): [string, number][] {
  const out: [string, number][] = [];
  for (const g of cells) {
    const last = out[out.length - 1];
    if (last && last[0] === g) last[1]++;
    else out.push([g, 1]);
  }
  return out;
}

/**
 * The timeline as an email-safe table: one row per agent; each run of equal slots is one cell
 * (colspan), coloured twice (the `bgcolor` attribute for old Outlook, an inline style for the
 * rest) and carrying its letter once per slot, so it reads without colour. No SVG, no images;
 * a spacer row fixes the slot width.
 */
export function timelineTable(grid: TimelineGrid): string {
  const slots = grid.rows[0]?.cells.length ?? 0;
  const mono = 'font:10px/16px Menlo,Consolas,monospace;';
  const spacer = `<tr><td></td>${`<td width="${SLOT_PX}" height="1"></td>`.repeat(slots)}</tr>`;
  const head: string[] = ['<td></td>'];
  for (let slot = 0; slot < slots;) {
    const label = grid.labels.find((l) => l.slot === slot);
    const next = grid.labels.find((l) => l.slot > slot)?.slot ?? slots;
    const span = Math.max(1, Math.min(next, slots) - slot);
    head.push(
      `<td colspan="${span}" style="${mono}color:#757575;padding:0;">${label ? escapeHtml(label.text) : ''}</td>`,
    );
    slot += span;
  }
  const rows = grid.rows.map((r) => {
    const tds = runs(r.cells).map(([g, n]) => {
      const c = CELL_COLOURS[g] ?? CELL_COLOURS[NO_DATA]!;
      const text = g === NO_DATA ? '&nbsp;' : escapeHtml(g.repeat(n));
      return `<td colspan="${n}" bgcolor="${c.bg}" style="background:${c.bg};color:${c.fg};text-align:center;">${text}</td>`;
    });
    return `<tr style="${mono}letter-spacing:${SLOT_PX - 7}px;"><td style="font:12px Arial,sans-serif;letter-spacing:0;padding:0 8px 1px 0;white-space:nowrap;">${escapeHtml(r.name)}</td>${tds.join('')}</tr>`;
  });
  const legend = Object.entries(CELL_COLOURS)
    .map(
      ([g, c]) =>
        `<span style="background:${c.bg};color:${c.fg};${mono}padding:1px 4px;">${g === NO_DATA ? '&nbsp;' : escapeHtml(g)}</span>&nbsp;${escapeHtml(c.label)}`,
    )
    .join(' &nbsp; ');
  return (
    // a long night is wider than a phone: the timeline scrolls inside its own box, the page does not
    `<div style="overflow-x:auto;max-width:100%;"><table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:4px 0 6px;${mono}">${spacer}<tr>${head.join('')}</tr>${rows.join('')}</table></div>` +
    `<p style="font:11px/1.6 Arial,sans-serif;color:#616161;margin:0 0 12px;">${legend} &nbsp; · one cell = ${grid.slotMinutes} min</p>`
  );
}
