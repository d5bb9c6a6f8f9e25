// `/api/status`: the fleet as data. Each agent's row is the row `nightshift status --json` prints (same fields, same
// meaning), read from the night's last look instead of a fresh capture, plus how long it has been in that state,
// its last screen, restarts and waits; then tonight's schedule, its queued tasks and the last reports.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Cron } from 'croner';
import type { Config } from '../../config/schema.js';
import type { ObservedNight } from '../night/observer.js';
import { parkedOn, type Parked } from '../screen/parked.js';

/** One agent: the fields of `status --json` first, then what the running night knows besides. */
export interface AgentRow {
  readonly agent: string;
  readonly pane: string | null;
  /** the classifier's state, `exited` for a dead pane, `absent` before its pane exists */
  readonly state: string;
  readonly rule: string | null;
  readonly resetAt: string | null;
  readonly parked: Parked | null;
  /** when the agent entered this state (ISO), when known */
  readonly since: string | null;
  readonly restarts: number;
  readonly waitingUntil: string | null;
  readonly givenUp: boolean;
  /** the pane's last screen, redacted like the report, trailing blank lines dropped */
  readonly screen: string | null;
}

/** A queued task, as the page shows it. */
export interface TaskRow {
  readonly id: string;
  readonly text: string;
  readonly state: string;
  readonly agent: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
}

/** Everything `/api/status` answers (and the page's live stream carries). */
export interface FleetStatus {
  readonly now: string;
  /** the night running now, or null between nights */
  readonly night: { readonly id: string; readonly start: string; readonly end: string } | null;
  readonly schedule: {
    readonly timezone: string;
    /** the night's start cron, its end (cron or duration in ms) and the report's cron (null: right after the night) */
    readonly nightStart: string;
    readonly nightEnd: string | null;
    readonly nightDurationMs: number | null;
    readonly reportAt: string | null;
    /** the next scheduled night start (ISO) */
    readonly nextStart: string | null;
  };
  readonly agents: readonly AgentRow[];
  readonly tasks: readonly TaskRow[];
  /** the newest nights with an HTML report, newest first */
  readonly reports: readonly { readonly night: string; readonly href: string }[];
  /** whether the page may answer parked prompts (`http.answer`) */
  readonly answer: boolean;
}

/** How many reports the status lists. */
const REPORTS_LISTED = 5;

/** A night id as run directories are named (`2026-12-07`, `2026-12-07.2`): nothing else names a report. */
export const NIGHT_ID = /^\d{4}-\d{2}-\d{2}(?:\.\d{1,3})?$/;

/** The status of the fleet now: from the open night when there is one, else the config's agents as absent. */
export function fleetStatus(o: {
  readonly config: Config;
  readonly night: ObservedNight | undefined;
  readonly now: Date;
  /** false: every screen null (what the metrics read: states and times, no text to redact) */
  readonly screens?: boolean;
}): FleetStatus {
  const { config, night, now } = o;
  const row = o.screens === false ? (a: Agent) => ({ ...agentRow(a), screen: null }) : agentRow;
  return {
    now: now.toISOString(),
    night: night
      ? { id: night.plan.id, start: night.plan.start.toISOString(), end: night.plan.end.toISOString() }
      : null,
    schedule: scheduleOf(config, now),
    agents: night ? night.agents.map(row) : config.agents.map((a) => absent(a.name)),
    tasks: (night?.tasks() ?? []).map((t) => ({
      id: t.task.id,
      text: t.task.text,
      state: t.state,
      agent: t.agent ?? null,
      startedAt: t.startedAt ?? null,
      endedAt: t.endedAt ?? null,
    })),
    reports: lastReports(config.stateDir),
    answer: config.http?.answer ?? false,
  };
}

type Agent = ObservedNight['agents'][number];

function agentRow(a: Agent): AgentRow {
  const last = a.last;
  if (!a.paneId || !last) return { ...absent(a.config.name), pane: a.paneId ?? null, ...runtimeOf(a) };
  const c = last.classification;
  return {
    agent: a.config.name,
    pane: last.snapshot.paneId,
    state: last.snapshot.dead ? 'exited' : c.state,
    rule: c.rule,
    resetAt: c.resetAt?.toISOString() ?? null,
    parked: parkedOn(c),
    ...runtimeOf(a),
    screen: screenText(last.snapshot.lines),
  };
}

function runtimeOf(a: Agent) {
  return {
    since: a.status.stateSince?.toISOString() ?? null,
    restarts: a.status.restarts,
    waitingUntil: a.status.waitingUntil?.toISOString() ?? null,
    givenUp: a.status.givenUp,
  };
}

function absent(agent: string): AgentRow {
  return {
    agent,
    pane: null,
    state: 'absent',
    rule: null,
    resetAt: null,
    parked: null,
    since: null,
    restarts: 0,
    waitingUntil: null,
    givenUp: false,
    screen: null,
  };
}

function screenText(lines: readonly string[]): string {
  let end = lines.length;
  while (end > 0 && !lines[end - 1]!.trim()) end--;
  return lines.slice(0, end).join('\n');
}

/** The schedule is worked out again at most this often (the next start moves once a night). */
const SCHEDULE_FRESH_MS = 60_000;
let scheduleCache: { config: Config; at: number; schedule: FleetStatus['schedule'] } | undefined;

/** The schedule of `config` (cached for SCHEDULE_FRESH_MS, and while its next start is still ahead). */
function scheduleOf(config: Config, now: Date): FleetStatus['schedule'] {
  const c = scheduleCache;
  const t = now.getTime();
  const ahead = c?.schedule.nextStart ? Date.parse(c.schedule.nextStart) > t : true;
  if (c?.config === config && Math.abs(t - c.at) < SCHEDULE_FRESH_MS && ahead) return c.schedule;
  const schedule = computeSchedule(config, now);
  scheduleCache = { config, at: t, schedule };
  return schedule;
}

function computeSchedule(config: Config, now: Date): FleetStatus['schedule'] {
  let nextStart: string | null = null;
  try {
    nextStart =
      new Cron(config.night.start, { timezone: config.timezone, paused: true }).nextRun(now)?.toISOString() ??
      null;
  } catch {
    // validated at load; nothing to show otherwise
  }
  return {
    timezone: config.timezone,
    nightStart: config.night.start,
    nightEnd: config.night.end ?? null,
    nightDurationMs: config.night.duration ?? null,
    reportAt: config.report.at ?? null,
    nextStart,
  };
}

/** The report list is read from disk at most this often. */
const REPORTS_FRESH_MS = 5000;
let reportsCache: { stateDir: string; at: number; list: FleetStatus['reports'] } | undefined;

/** The newest nights that have a report.html, newest first (read at most every REPORTS_FRESH_MS). */
function lastReports(stateDir: string): FleetStatus['reports'] {
  const t = Date.now();
  if (reportsCache?.stateDir === stateDir && t - reportsCache.at < REPORTS_FRESH_MS) return reportsCache.list;
  const list = readReports(stateDir);
  reportsCache = { stateDir, at: t, list };
  return list;
}

function readReports(stateDir: string): FleetStatus['reports'] {
  const nights = join(stateDir, 'nights');
  let names: string[];
  try {
    names = readdirSync(nights).filter((n) => NIGHT_ID.test(n));
  } catch {
    return [];
  }
  return names
    .sort(byNight)
    .reverse()
    .filter((n) => existsSync(join(nights, n, 'report.html')))
    .slice(0, REPORTS_LISTED)
    .map((night) => ({ night, href: `/reports/${night}` }));
}

/** Orders `2026-12-07` < `2026-12-07.2` < `2026-12-07.10` < `2026-12-08`. */
function byNight(a: string, b: string): number {
  const [da, na] = a.split('.');
  const [db, nb] = b.split('.');
  return da! < db! ? -1 : da! > db! ? 1 : Number(na ?? 1) - Number(nb ?? 1);
}
