import type { ReportSection } from '../../core/index.js';
import type { NightModel } from '../model/types.js';
import { mdTable, mdText } from '../render/markdown-escape.js';
import { clockIn, cut, formatMinutes } from './format.js';

/** "Agents": one row per agent, every agent even when nothing happened, so absence shows. */
export function agentsSection(model: NightModel): ReportSection {
  const clock = clockIn(model.timeZone);
  const rows = model.agents.map((a) => [
    `**${mdText(a.name)}**`,
    mdText(a.atDawn),
    formatMinutes(a.minutes.active),
    formatMinutes(a.minutes.idle),
    formatMinutes(a.minutes.waiting),
    formatMinutes(a.minutes.limited),
    String(a.restarts),
    a.errors ? `${a.errors}${a.minutes.error ? ` (${formatMinutes(a.minutes.error)})` : ''}` : '0',
    String(a.rescues),
    a.lastWord ? `${clock(a.lastWord.at)} ${mdText(cut(a.lastWord.text, 60))}` : '—',
  ]);
  const table = mdTable(
    [
      'agent',
      'at dawn',
      'active',
      'idle',
      'waiting',
      'limited',
      'restarts',
      'errors',
      'rescues',
      'last word',
    ],
    rows,
    ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  );
  return { id: 'agents', title: 'Agents', markdown: table, order: 50, truncatable: false };
}
