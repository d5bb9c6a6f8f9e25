// A ReportContext for calling reporter plugins directly, as the plugin host would.
import pino from 'pino';
import type { Config, NightRecord, Plugin, ReportContext, ReportSection } from '../../../core/index.js';

/** The context the host hands a reporter plugin, with the plugin's options (defaults applied by its schema). */
export function reportContext<O>(
  plugin: Plugin<O>,
  config: Config,
  night: NightRecord,
  now = night.end,
): ReportContext<O> {
  const parsed = plugin.options
    ? (plugin.options as unknown as { parse(v: unknown): O }).parse({})
    : ({} as O);
  let state: unknown;
  return {
    options: Object.freeze(parsed),
    log: pino({ level: 'silent' }),
    now: () => now,
    signal: new AbortController().signal,
    config,
    night: { id: night.id, runDir: night.runDir, start: night.start, end: night.end },
    state: {
      get: () => state as never,
      set: (s) => (state = s),
      update: (fn) => (state = fn(state as never)) as never,
    },
    guard: () => {
      throw new Error('reporters do not use the guard');
    },
  };
}

/** Runs reporter plugins' `report` hooks in order and collects their sections. */
export async function collectSections(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plugins: readonly Plugin<any>[],
  config: Config,
  night: NightRecord,
): Promise<ReportSection[]> {
  const sections: ReportSection[] = [];
  for (const p of plugins) {
    const out = await p.report?.(night, reportContext(p, config, night));
    if (out) sections.push(...(Array.isArray(out) ? out : [out as ReportSection]));
  }
  return sections;
}
