import type { ReportSection } from '../../core/index.js';
import type { NightModel } from '../model/types.js';
import { mdText } from '../render/markdown-escape.js';
import { clockIn, cut } from './format.js';

/** "Failures": what went wrong, oldest first; "No failures." when nothing did. */
export function failuresSection(model: NightModel): ReportSection {
  const clock = clockIn(model.timeZone);
  const body =
    model.failures.length === 0
      ? 'No failures.'
      : model.failures
          .map((f) => {
            const who = f.agent ? `**${mdText(f.agent)}**` : '**nightshift**';
            const times = f.count > 1 ? ` (×${f.count})` : '';
            const head = `- ${clock(f.at)} · ${who} — ${mdText(f.what)}${times}`;
            // a detail that only repeats the headline adds nothing
            const extra = f.detail && !f.what.includes(f.detail.trim()) ? f.detail : undefined;
            return extra ? `${head}  \n  ${mdText(cut(extra, 300))}` : head;
          })
          .join('\n');
  return {
    id: 'failures',
    title: model.failures.length ? `Failures (${model.failures.length})` : 'Failures',
    markdown: body,
    order: 20,
    truncatable: false,
  };
}
