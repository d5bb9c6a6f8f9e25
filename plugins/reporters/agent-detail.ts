import { z } from 'zod';
import { definePlugin } from '../../core/index.js';
import { agentDetailSection, analyzeNight } from '../../reports/index.js';

const options = z.strictObject({
  /** transcript lines shown at the end of each agent's detail */
  tailLines: z.number().int().min(0).max(500).default(30),
  /** error excerpts per agent */
  maxErrors: z.number().int().min(0).max(50).default(3),
  /** characters per line before it is cut */
  lineWidth: z.number().int().min(40).max(1000).default(160),
  /** replay at most this many MiB of the end of each log */
  maxMiB: z.number().int().min(1).default(256),
});

/**
 * `agent-detail`: one section per agent with its last screen, its errors in context and the tail
 * of its transcript, replayed from the raw pane log through a headless terminal. These sections
 * are the first to be cut when the email would grow too large.
 */
export default definePlugin<z.output<typeof options>>({
  name: 'agent-detail',
  options,
  timeoutMs: 600_000,
  async report(night, ctx) {
    const model = await analyzeNight(night, {
      coordination: ctx.config.coordination,
      git: false,
      now: ctx.now,
    });
    const sections = [];
    for (const [i, agent] of model.agents.entries()) {
      sections.push(
        await agentDetailSection(model, agent, i, {
          tailLines: ctx.options.tailLines,
          maxErrors: ctx.options.maxErrors,
          lineWidth: ctx.options.lineWidth,
          maxBytes: ctx.options.maxMiB * 1024 * 1024,
          signal: ctx.signal,
        }),
      );
    }
    return sections;
  },
});
