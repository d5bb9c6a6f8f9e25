// After a night: gather report sections from reporter plugins, compile the report, hand it to delivery plugins.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { buildNightRecord, compileReport } from '../../reports/index.js';
import type { LoadedConfig } from '../../config/load.js';
import type { Guard } from '../guard/types.js';
import { Journal, readJournal } from '../journal/journal.js';
import { PluginHost } from '../plugin/host.js';
import type { LoadedPlugin } from '../plugin/loader.js';
import { PluginStateStore } from '../plugin/state.js';
import type { CompiledReport } from '../plugin/types.js';

export interface ReportRun {
  readonly loaded: LoadedConfig;
  readonly plugins: readonly LoadedPlugin[];
  readonly guard: Guard;
  readonly log: Logger;
  readonly runDir: string;
  /** run `deliver` hooks (email) after compiling */
  readonly deliver: boolean;
}

/** Compiles a night's report from its run directory and, when asked, delivers it. Journals into the night's journal. */
export async function compileAndDeliver(run: ReportRun): Promise<CompiledReport> {
  const { config } = run.loaded;
  const night = buildNightRecord(run.runDir, config);
  const journal = new Journal(join(run.runDir, 'events.jsonl'));
  try {
    const host = new PluginHost({
      plugins: run.plugins,
      config,
      night: { id: night.id, runDir: night.runDir, start: night.start, end: night.end },
      log: run.log,
      state: new PluginStateStore(config.stateDir, night.id),
      guard: (c, ctx) => run.guard.check(c, ctx),
      journal: (e) => journal.append(e),
      now: () => new Date(),
      signal: new AbortController().signal,
    });
    const sections = await host.report(night);
    const report = await compileReport(night, sections, {
      config,
      disabledPlugins: host.disabled,
      secrets: run.loaded.secrets,
    });
    if (run.deliver) await host.deliver(report);
    return report;
  } finally {
    journal.close();
  }
}

/** A delivery attempt as journaled. */
export interface DeliveryRecord {
  readonly ok: boolean;
  readonly channel: string;
  readonly detail: string;
  readonly retry: boolean | undefined;
}

/** The last delivery attempt journaled in the night's journal since `since` (ms), if any. */
export function lastDelivery(runDir: string, since: number): DeliveryRecord | undefined {
  const events = readJournal(join(runDir, 'events.jsonl')).events;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (Date.parse(e.t) < since - 1000) break;
    if (e.type === 'delivery') return { ok: e.ok, channel: e.channel, detail: e.detail, retry: e.retry };
  }
  return undefined;
}

/** One line for the terminal: `delivery: sent (email) …`, `delivery: NOT delivered yet …`, `delivery: FAILED …`. */
export function describeDelivery(delivery: DeliveryRecord | undefined): string {
  if (!delivery) return 'delivery: none: no delivery plugin ran (is `email` among the plugins?)';
  if (delivery.ok) return `delivery: ok (${delivery.channel}) ${delivery.detail}`;
  if (delivery.retry)
    return `delivery: NOT delivered yet (${delivery.channel}): ${delivery.detail}; \`nightshift run\` retries it, or run \`nightshift report --send\` later`;
  return `delivery: FAILED (${delivery.channel}): ${delivery.detail}`;
}
