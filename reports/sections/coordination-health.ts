import type { ReportSection } from '../../core/index.js';
import type { NightModel } from '../model/types.js';
import { mdCode, mdText } from '../render/markdown-escape.js';
import { clockIn, cut, formatMinutes } from './format.js';

/** "Coordination": agents busy for hours without a word in the coordination file, and malformed entries. Absent when there is nothing to say. */
export function coordinationSection(model: NightModel): ReportSection | undefined {
  const clock = clockIn(model.timeZone);
  const { silent, malformed } = model.coordination;
  if (silent.length === 0 && malformed.length === 0) return undefined;
  const parts: string[] = [];
  for (const s of silent) {
    parts.push(
      `- **${mdText(s.agent)}** wrote nothing to the coordination file from ${clock(s.from)} to ${clock(s.to)} while busy for ${formatMinutes(s.busyMinutes)}.`,
    );
  }
  if (malformed.length > 0) {
    if (parts.length) parts.push('');
    parts.push(
      `${malformed.length} malformed ${malformed.length === 1 ? 'entry' : 'entries'} (skipped, nothing else affected):`,
    );
    for (const m of malformed.slice(0, 20))
      parts.push(
        `- ${mdCode(`${m.file.split('/').at(-1)}:${m.line}`)} ${mdText(m.problem)}: ${mdCode(cut(m.text, 100))}`,
      );
  }
  return {
    id: 'coordination',
    title: 'Coordination',
    markdown: parts.join('\n'),
    order: 70,
    truncatable: true,
  };
}
