import type { ReportSection } from '../../core/index.js';
import type { NightModel } from '../model/types.js';
import { mdText } from '../render/markdown-escape.js';
import { cut } from './format.js';

/** "Failed plugins": plugins that threw or timed out, and those switched off for the night. Absent when all behaved. */
export function pluginsSection(model: NightModel): ReportSection | undefined {
  if (model.plugins.length === 0) return undefined;
  const lines = model.plugins.map(
    (p) =>
      `- **${mdText(p.plugin)}** ${p.disabled ? 'was switched off after' : 'failed'} ${p.failures}× ${p.hooks.length ? `in ${mdText(p.hooks.join(', '))}` : ''} — first error: ${mdText(cut(p.firstError, 200))}`,
  );
  return {
    id: 'plugins',
    title: 'Failed plugins',
    markdown: lines.join('\n'),
    order: 85,
    truncatable: false,
  };
}

/** "Warnings": problems met while reading the journal, logs and the agents' records. Absent when there were none. */
export function warningsSection(model: NightModel): ReportSection | undefined {
  if (model.warnings.length === 0) return undefined;
  const unique = [...new Set(model.warnings)];
  const lines = unique.slice(0, 30).map((w) => `- ${mdText(cut(w, 300))}`);
  if (unique.length > 30) lines.push(`- … and ${unique.length - 30} more`);
  return { id: 'warnings', title: 'Warnings', markdown: lines.join('\n'), order: 95, truncatable: true };
}
