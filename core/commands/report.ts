// `nightshift report [--night DATE] [--send]`: compiles any night's report again from its run directory.
import { basename, join } from 'node:path';
import { NightshiftError } from '../errors.js';
import { createLogger, levelFrom } from '../log.js';
import { flushOutbox, type CompiledNightReport } from '../../reports/index.js';
import { nightDirs } from './nights.js';
import { compileAndDeliver, describeDelivery, lastDelivery } from './report-pipeline.js';
import { requireConfig } from './preflight/index.js';
import { withProgress } from './progress.js';
import { guardFor } from './runtime.js';
import { defineCommand } from './types.js';

/** The run directory of `--night DATE` (the last one of that date), or of the latest night. */
export function findNight(stateDir: string, night: string | undefined): string {
  const dirs = nightDirs(stateDir);
  if (dirs.length === 0)
    throw new NightshiftError(
      'NIGHT_NOT_FOUND',
      `no nights under ${join(stateDir, 'nights')}: run \`nightshift night --now\` first`,
    );
  if (!night) return dirs.at(-1)!;
  const match = dirs.filter((d) => basename(d) === night || basename(d).startsWith(`${night}.`)).at(-1);
  if (!match) {
    const known = dirs
      .slice(-5)
      .map((d) => basename(d))
      .join(', ');
    throw new NightshiftError(
      'NIGHT_NOT_FOUND',
      `no night ${night} under ${join(stateDir, 'nights')} (latest: ${known})`,
    );
  }
  return match;
}

export default defineCommand({
  name: 'report',
  summary: "compile (and --send) a night's report again",
  usage: `Usage: nightshift report [--night YYYY-MM-DD] [--send] [--json]

Compiles a night's morning report again from its run directory (the journal, the pane logs and
the coordination file) with the reporter plugins of the current config, and writes report.md and
report.html next to the journal. The latest night unless --night names one.

  --night DATE   the night's local start date, e.g. 2026-04-10
  --send         also deliver it (email, or report.eml without SMTP), then retry any deliveries
                 still waiting in the outbox; every attempt is journaled in the night's journal.
                 Sending a night again replaces its queued email (one per night and recipients).
                 Exits 1 when the report was not delivered (still queued, or refused)
  --json         print {night, subject, verdict, counts, files, truncated, delivery} as one line`,
  options: {
    night: { type: 'string' },
    send: { type: 'boolean' },
  },
  async run(args, io) {
    const { loaded, plugins } = await requireConfig(args, io, { startsAgents: false });
    const { config } = loaded;
    const night = typeof args.values.night === 'string' ? args.values.night : undefined;
    if (night !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(night))
      throw new NightshiftError(
        'USAGE',
        `--night takes a date like 2026-04-10, not ${JSON.stringify(night)}`,
      );
    const runDir = findNight(config.stateDir, night);
    const send = args.values.send === true;
    const log = createLogger({
      level: levelFrom(args.values['log-level'], io.env) ?? 'warn',
      file: join(config.stateDir, 'nightshift.log'),
      pretty: io.isTTY,
      secrets: loaded.secrets,
    });
    const startedAt = Date.now();
    // on a terminal: what it is doing and for how long (replaying big pane logs takes a while); nothing when piped
    const { report, others } = await withProgress(
      io,
      `compiling the report of ${basename(runDir)}${send ? ' and sending it' : ''}`,
      async (progress) => {
        const compiled = (await compileAndDeliver({
          loaded,
          plugins,
          guard: guardFor(loaded),
          log,
          runDir,
          deliver: send,
        })) as CompiledNightReport;
        if (send) progress.set('retrying the outbox');
        return { report: compiled, others: send ? await flushOutbox(config, log) : [] };
      },
    );
    const delivery = send ? lastDelivery(runDir, startedAt) : undefined;
    const failed = send && (!delivery || !delivery.ok);
    if (args.values.json) {
      io.stdout.write(
        `${JSON.stringify({ night: report.night, subject: report.subject, verdict: report.verdict, counts: report.counts, files: report.files, truncated: report.truncated ?? [], delivery: delivery ?? null, outbox: others })}\n`,
      );
    } else {
      io.stdout.write(`${report.subject}\nreport: ${report.files.markdown}\n        ${report.files.html}\n`);
      if (send) io.stdout.write(`${describeDelivery(delivery)}\n`);
      for (const o of others) io.stdout.write(`outbox ${o.id}: ${o.state} ${o.detail}\n`);
    }
    return failed ? 1 : 0;
  },
});
