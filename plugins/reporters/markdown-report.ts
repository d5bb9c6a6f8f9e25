import { z } from 'zod';
import { definePlugin } from '../../core/index.js';
import {
  agentsSection,
  analyzeNight,
  coordinationSection,
  dryRunSection,
  workSection,
  failuresSection,
  hostsSection,
  parksSection,
  needsYouSection,
  pluginsSection,
  producedSection,
  rescuesSection,
  timelineSection,
  warningsSection,
} from '../../reports/index.js';

const options = z.strictObject({
  /** look for commits made overnight in each agent's working directory */
  commits: z.boolean().default(true),
});

/**
 * `markdown-report`: the standard sections built from the journal and the agents' records —
 * needs you, failures, produced work (coordination entries, status log, overnight commits),
 * rescues, the per-agent table, the timeline, coordination health, failed plugins and warnings.
 */
export default definePlugin<z.output<typeof options>>({
  name: 'markdown-report',
  options,
  async report(night, ctx) {
    const model = await analyzeNight(night, {
      coordination: ctx.config.coordination,
      git: ctx.options.commits,
      now: ctx.now,
    });
    return [
      workSection(model),
      dryRunSection(model),
      needsYouSection(model),
      parksSection(model),
      failuresSection(model),
      producedSection(model),
      rescuesSection(model),
      agentsSection(model),
      hostsSection(model),
      timelineSection(model),
      coordinationSection(model),
      pluginsSection(model),
      warningsSection(model),
    ].filter((s) => s !== undefined);
  },
});
