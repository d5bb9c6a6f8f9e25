import type { ReportSection } from '../../core/index.js';
import type { NightModel } from '../model/types.js';
import { mdTable, mdText } from '../render/markdown-escape.js';
import { clockIn, cut, plural } from './format.js';

/** "Dry run": says that nothing was sent, started or restarted, and lists each action a real night would have taken. */
export function dryRunSection(model: NightModel): ReportSection | undefined {
  if (!model.dryRun) return undefined;
  const clock = clockIn(model.timeZone);
  const held = model.wouldDo;
  const parts = [
    '**This was a dry run.** nightshift watched and decided, but sent no keys and started, restarted or stopped no agent.',
  ];
  if (held.length === 0) parts.push('A real night would have done nothing either.');
  else {
    parts.push(`A real night would have done ${plural(held.length, 'thing')}:`);
    const rows = held
      .slice(0, 60)
      .map((w) => [
        clock(w.at),
        mdText(w.agent),
        mdText(w.action),
        mdText(cut(w.reason, 120)),
        mdText(w.plugin),
      ]);
    parts.push(mdTable(['time', 'agent', 'action', 'what', 'plugin'], rows));
    if (held.length > 60) parts.push(`… and ${held.length - 60} more (all in events.jsonl).`);
  }
  return { id: 'dry-run', title: 'Dry run', markdown: parts.join('\n\n'), order: 5, truncatable: true };
}
