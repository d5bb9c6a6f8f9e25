import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { definePlugin, type ReportSection } from '../../core/index.js';
import { agentDetailSection, analyzeNight, createTranscriptPool } from '../../reports/index.js';

const MiB = 1024 * 1024;
/** Replay speed assumed before the first log has been measured (bytes per second). */
const ASSUMED_RATE = 8 * MiB;
/** Every agent gets at least this much of the end of its log, whatever the budget. */
const MIN_BYTES = 2 * MiB;

const options = z.strictObject({
  /** transcript lines shown at the end of each agent's detail */
  tailLines: z.number().int().min(0).max(500).default(30),
  /** error excerpts per agent */
  maxErrors: z.number().int().min(0).max(50).default(3),
  /** characters per line before it is cut */
  lineWidth: z.number().int().min(40).max(1000).default(160),
  /** replay at most this many MiB of the end of each log */
  maxMiB: z.number().int().min(1).default(256),
  /** time for replaying all logs; a long night of many agents replays the end of each log to fit */
  budgetSeconds: z.number().int().min(5).default(45),
  /** logs replayed at once, each in a worker thread; default one per core */
  workers: z.number().int().min(1).max(64).default(availableParallelism()),
});

/** Size of a file, or 0. */
function sizeOf(file: string | undefined): number {
  try {
    return file ? statSync(file).size : 0;
  } catch {
    return 0;
  }
}

/**
 * `agent-detail`: one section per agent with its last screen, its errors in context and the tail
 * of its transcript, replayed from the raw pane log through a headless terminal. The replays share
 * a time budget: each agent gets its share of what is left, converted to bytes at the speed
 * measured so far, so a fleet of huge logs replays their ends instead of timing out. These
 * sections are the first to be cut when the email would grow too large.
 */
export default definePlugin<z.output<typeof options>>({
  name: 'agent-detail',
  options,
  timeoutMs: 120_000,
  async report(night, ctx) {
    const model = await analyzeNight(night, {
      coordination: ctx.config.coordination,
      git: false,
      now: ctx.now,
    });
    const sections: ReportSection[] = [];
    const deadline = Date.now() + ctx.options.budgetSeconds * 1000;
    const pool = createTranscriptPool({ size: Math.min(ctx.options.workers, model.agents.length || 1) });
    let rate = ASSUMED_RATE;
    let next = 0;
    // one lane per worker: each takes the next agent, with its share of the time left at the speed measured so far
    const lane = async () => {
      for (let i = next++; i < model.agents.length; i = next++) {
        const agent = model.agents[i]!;
        const left = model.agents.length - i;
        const share = ((Math.max(0, deadline - Date.now()) / 1000) * Math.min(pool.size, left)) / left;
        const maxBytes = Math.min(ctx.options.maxMiB * MiB, Math.max(MIN_BYTES, Math.floor(share * rate)));
        const bytes = Math.min(maxBytes, sizeOf(night.logs[agent.name]));
        const started = Date.now();
        sections[i] = await agentDetailSection(model, agent, i, {
          tailLines: ctx.options.tailLines,
          maxErrors: ctx.options.maxErrors,
          lineWidth: ctx.options.lineWidth,
          maxBytes,
          signal: ctx.signal,
          summarize: pool.summarize,
        });
        const seconds = (Date.now() - started) / 1000;
        if (bytes > MiB && seconds > 0.05) rate = bytes / seconds;
      }
    };
    try {
      await Promise.all(Array.from({ length: pool.size }, lane));
    } finally {
      await pool.close();
    }
    return sections;
  },
});
