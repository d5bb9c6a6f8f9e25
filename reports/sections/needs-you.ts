import type { ReportSection } from '../../core/index.js';
import type { NeedsYouItem, NightModel } from '../model/types.js';
import { mdCode, mdText } from '../render/markdown-escape.js';
import { clockIn } from './format.js';

/** "Needs you": one numbered action per item, or "All good". Never truncated. */
export function needsYouSection(model: NightModel): ReportSection {
  const clock = clockIn(model.timeZone);
  const items = model.needsYou;
  const body =
    items.length === 0
      ? '**All good.** Nothing needs you this morning.'
      : items.map((item, i) => `${i + 1}. ${line(item, clock)}`).join('\n');
  return {
    id: 'needs-you',
    title: items.length ? `Needs you (${items.length})` : 'Needs you',
    markdown: body,
    order: 10,
    truncatable: false,
  };
}

function line(item: NeedsYouItem, clock: (d: Date) => string): string {
  const who = item.agent ? `**${mdText(item.agent)}**` : '**nightshift**';
  const times = item.count > 1 ? ` (asked ${item.count}×)` : '';
  const head = `${who} · since ${clock(item.since)}${times} — ${mdText(item.action)}`;
  const more: string[] = [];
  if (item.command) more.push(mdCode(item.command));
  if (item.detail) more.push(mdText(item.detail));
  return more.length ? `${head}  \n   ${more.join(' — ')}` : head;
}
