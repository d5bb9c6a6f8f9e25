import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config/schema.js';
import { Outbox, outboxDir } from '../../reports/index.js';
import { applyRetention, planRetention, type RetentionStep } from '../housekeeping/retention.js';
import { configFrom } from './runtime.js';
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'prune',
  summary: 'apply the retention policy to the state dir now (--dry-run: list what it would do)',
  usage: `Usage: nightshift prune [--dry-run] [--json]

Applies the config's retention (the daemon does the same every hour): the newest
retention.nights nights are kept whole, their pane logs gzipped once they are older than
retention.compressAfter; older nights are removed, their report and journal kept in
<stateDir>/archive/ (up to retention.archive of them). A night whose report is still in the
outbox is kept until it is delivered.

  --dry-run   list what would be done, change nothing`,
  options: { 'dry-run': { type: 'boolean' } },
  async run(args, io) {
    const { config } = await configFrom(args, io);
    const dryRun = args.values['dry-run'] === true;
    const steps = planRetention(
      config.stateDir,
      config.retention,
      new Date(),
      waitingRunDirs(config.stateDir),
    );
    const errors = dryRun ? [] : await applyRetention(config.stateDir, steps);
    const failed = new Map(errors.map((e) => [e.step, e.error]));
    for (const step of steps) {
      const error = failed.get(step);
      if (args.values.json)
        io.stdout.write(`${JSON.stringify({ ...step, dryRun, ...(error ? { error } : {}) })}\n`);
      else io.stdout.write(`${describe(step, dryRun)}${error ? ` FAILED: ${error}` : ''}\n`);
    }
    if (!args.values.json) io.stdout.write(`${summary(steps, dryRun)}\n`);
    return errors.length ? 1 : 0;
  },
});

/** Run directories the person still has to act on: their report waits in the outbox. */
export function waitingRunDirs(stateDir: string): Set<string> {
  const outbox = new Outbox(outboxDir(stateDir), {
    send: () => Promise.reject(new Error('listing only')),
  });
  return new Set(
    outbox
      .list()
      .filter((i) => i.state === 'pending' || i.state === 'sending')
      .map((i) => i.runDir),
  );
}

/** The daemon's retention pass: plan, apply, log what it did. */
export async function runRetention(config: Config, log: Logger, now = new Date()): Promise<RetentionStep[]> {
  const steps = planRetention(config.stateDir, config.retention, now, waitingRunDirs(config.stateDir));
  const errors = await applyRetention(config.stateDir, steps);
  for (const e of errors) log.warn({ step: e.step, error: e.error }, 'retention step failed');
  const done = steps.filter((s) => s.kind !== 'keep');
  if (done.length) log.info({ steps: done.map((s) => describe(s, false)) }, summary(steps, false));
  return steps;
}

function describe(step: RetentionStep, dryRun: boolean): string {
  const would = dryRun ? 'would ' : '';
  switch (step.kind) {
    case 'archive':
      return `${would}remove night ${step.night} (${mb(step.bytes)}), keeping its report and journal in archive/`;
    case 'compress':
      return `${would}compress ${step.file} (${mb(step.bytes)})`;
    case 'expire':
      return basename(dirname(step.dir)) === 'archive'
        ? `${would}remove archived night ${step.night} (${mb(step.bytes)})`
        : `${would}remove night ${step.night} whole (${mb(step.bytes)}): the archive is full`;
    case 'keep':
      return `keep night ${step.night}: ${step.reason}`;
  }
}

function summary(steps: readonly RetentionStep[], dryRun: boolean): string {
  const bytes = steps.reduce((sum, s) => sum + ('bytes' in s ? s.bytes : 0), 0);
  if (!steps.length) return 'nothing to prune';
  return `${dryRun ? 'would free' : 'freed'} up to ${mb(bytes)} (${steps.length} step(s))`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
