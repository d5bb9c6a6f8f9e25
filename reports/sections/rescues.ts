import type { ReportSection } from '../../core/index.js';
import type { NightModel } from '../model/types.js';
import { mdCode, mdTable, mdText } from '../render/markdown-escape.js';
import { clockIn, cut, plural } from './format.js';

/** "Rescues": what the runner did (counts, then the list) and what it refused to do. */
export function rescuesSection(model: NightModel): ReportSection {
  const clock = clockIn(model.timeZone);
  const parts: string[] = [];
  const { rescues, refusals } = model;
  if (rescues.length === 0) parts.push('No rescues were needed.');
  else {
    parts.push(`${plural(rescues.length, 'rescue')}: ${countBy(rescues.map((r) => r.action))}.`);
    const rows = rescues
      .slice(-30)
      .map((r) => [
        clock(r.at),
        mdText(r.agent),
        mdText(r.action),
        mdText(r.plugin),
        mdText(cut(r.reason, 120)),
        r.verified === undefined ? '' : r.verified ? 'yes' : 'no',
      ]);
    if (rescues.length > 30) parts.push(`The last 30 of ${rescues.length}:`);
    parts.push(mdTable(['time', 'agent', 'action', 'plugin', 'why', 'verified'], rows));
  }
  if (refusals.length > 0) {
    parts.push(`**Refused ${plural(refusals.length, 'time')}**: ${countBy(refusals.map((r) => r.why))}.`);
    const rows = refusals
      .slice(-15)
      .map((r) => [
        clock(r.at),
        mdText(r.agent),
        mdText(r.why),
        r.command ? mdCode(cut(r.command, 80)) : '',
        mdText(cut(r.reason, 120)),
      ]);
    parts.push(mdTable(['time', 'agent', 'why', 'command', 'reason'], rows));
  }
  return {
    id: 'rescues',
    title: rescues.length ? `Rescues (${rescues.length})` : 'Rescues',
    markdown: parts.join('\n\n'),
    order: 40,
    truncatable: true,
  };
}

/** `7 answer, 3 restart` */
function countBy(keys: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n} ${mdText(k)}`)
    .join(', ');
}
