// After a night: gather report sections from reporter plugins, compile the report, hand it to delivery plugins.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { buildNightRecord, compileReport } from '../../reports/index.js';
import type { LoadedConfig } from '../../config/load.js';
import type { Guard } from '../guard/types.js';
import { Journal } from '../journal.js';
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
