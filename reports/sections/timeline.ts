import type { ReportSection } from '../../core/index.js';
import type { NightModel } from '../model/types.js';
import { GLYPH, NO_DATA, timelineBlock } from '../render/timeline-block.js';
import { wallClock } from '../time.js';

/** "Timeline": one row per agent, one cell per slot, the dominant activity by letter (and colour in HTML). */
export function timelineSection(model: NightModel): ReportSection {
  const { slots, slotMinutes } = model.timeline;
  const labels: { slot: number; text: string }[] = [];
  slots.forEach((s, i) => {
    const c = wallClock(s, model.timeZone);
    if (c.minute === 0 || i === 0)
      labels.push({
        slot: i,
        text:
          String(c.hour).padStart(2, '0') + (c.minute === 0 ? '' : `:${String(c.minute).padStart(2, '0')}`),
      });
  });
  const rows = model.agents.map((a) => ({
    name: a.name,
    cells: a.slots.map((s) => (s ? GLYPH[s] : NO_DATA)).join(''),
  }));
  return {
    id: 'timeline',
    title: 'Timeline',
    markdown: timelineBlock({ labels, rows, slotMinutes }),
    order: 60,
    truncatable: false,
  };
}
