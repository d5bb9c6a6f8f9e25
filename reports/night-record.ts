import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { agentSchema } from '../config/schema.js';
import type { AgentConfig, Config, JournalEvent, NightRecord } from '../core/index.js';
import { readJournal } from '../core/journal/journal.js';

/** What `night.json` holds (written by the night at dusk); every field optional when reading. */
interface NightPlanFile {
  readonly id?: string;
  readonly start?: string;
  readonly end?: string;
  readonly timezone?: string;
  readonly agents?: readonly string[];
}

/**
 * Reads a night's run directory into a NightRecord: the plan (`night.json`, falling back to the
 * journal's `night-start`), the journal, the agents (from the config, or from the journal when the
 * config no longer has them) and their pane logs. Problems become warnings; it never throws.
 */
export function buildNightRecord(runDir: string, config: Pick<Config, 'agents' | 'timezone'>): NightRecord {
  const warnings: string[] = [];
  const plan = readPlan(join(runDir, 'night.json'), warnings);
  const journal = readJournal(join(runDir, 'events.jsonl'));
  warnings.push(...journal.warnings);
  const events = journal.events;
  const nightStart = events.find(
    (e): e is Extract<JournalEvent, { type: 'night-start' }> => e.type === 'night-start',
  );

  const start = date(plan.start) ?? date(nightStart?.start) ?? date(events[0]?.t) ?? new Date(0);
  const end = date(plan.end) ?? date(nightStart?.end) ?? date(events.at(-1)?.t) ?? start;
  const id = plan.id ?? nightStart?.night ?? basename(runDir);
  const timezone = plan.timezone ?? config.timezone;

  const names = [...(plan.agents ?? nightStart?.agents ?? config.agents.map((a) => a.name))];
  for (const e of events)
    if ('agent' in e && typeof e.agent === 'string' && !names.includes(e.agent)) names.push(e.agent);
  const agents = names.map(
    (name) => config.agents.find((a) => a.name === name) ?? agentFromJournal(name, events),
  );

  const logs: Record<string, string> = {};
  for (const name of names) logs[name] = join(runDir, 'logs', `${name}.log`);
  for (const e of events) if (e.type === 'pipe' || e.type === 'pipe-rearmed') logs[e.agent] = e.file;
  // retention gzips the logs of older nights
  for (const [name, file] of Object.entries(logs))
    if (!existsSync(file) && existsSync(`${file}.gz`)) logs[name] = `${file}.gz`;
  for (const [name, file] of Object.entries(logs))
    if (!existsSync(file)) warnings.push(`no pane log for ${name} (${file})`);

  return { id, runDir, start, end, timezone, agents, events, warnings, logs };
}

function readPlan(file: string, warnings: string[]): NightPlanFile {
  if (!existsSync(file)) {
    warnings.push(`${file} is missing; the night's plan comes from the journal`);
    return {};
  }
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return value && typeof value === 'object' ? (value as NightPlanFile) : {};
  } catch (error) {
    warnings.push(`${file} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return {};
  }
}

function date(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** An agent the config no longer declares, reconstructed from its `agent-started` event. */
function agentFromJournal(name: string, events: readonly JournalEvent[]): AgentConfig {
  const started = events.find(
    (e): e is Extract<JournalEvent, { type: 'agent-started' }> =>
      e.type === 'agent-started' && e.agent === name,
  );
  const parsed = agentSchema.safeParse({
    name,
    command: started?.command ?? 'unknown',
    cwd: started?.cwd ?? '.',
  });
  if (parsed.success) return parsed.data;
  return {
    name,
    command: started?.command ?? 'unknown',
    cwd: started?.cwd ?? '.',
    profile: 'auto',
    env: {},
    hooks: true,
    size: { cols: 200, rows: 50 },
  };
}
