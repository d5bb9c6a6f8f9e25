import type { JournalEvent, NightRecord } from '../../core/index.js';
import { readCoordination } from '../coordination/coordination-file.js';
import { readStatusLog } from '../coordination/status-log.js';
import type { CoordinationEntry, Malformed, StatusLine } from '../coordination/types.js';
import { redact } from '../redact.js';
import {
  activitySpans,
  dominantBySlot,
  minutesByActivity,
  slotMinutesFor,
  slotStarts,
  type Span,
} from './activity.js';
import { failures } from './failures.js';
import { parks } from './parks.js';
import { overnightCommits } from './git-commits.js';
import { needsYou } from './needs-you.js';
import { hookChannels, pluginTrouble, refusals, rescues, wouldDo } from './rescues.js';
import { longestSilence } from './silence.js';
import type { AgentSummary, Commit, NeedsYouItem, NightModel, Verdict } from './types.js';
import { workItems, workNeeds } from './work.js';

/** Where the agents' own records are, and what else analysis needs. */
export interface AnalyzeOptions {
  /** `config.coordination`: the coordination file and the status log (absolute paths) */
  readonly coordination?: { readonly file?: string | undefined; readonly statusLog?: string | undefined };
  /** plugins the host switched off, with their first error */
  readonly disabledPlugins?: readonly { plugin: string; failures: number; firstError: string }[];
  /** literal secret values to redact (from the config's environment references) */
  readonly secrets?: readonly string[];
  /** look for overnight commits in the agents' working directories; default true */
  readonly git?: boolean;
  /** entries this long after the night's end still count (agents left running); default 1 h */
  readonly graceMs?: number;
  readonly now?: () => Date;
}

const cache = new WeakMap<NightRecord, Map<string, Promise<NightModel>>>();

/**
 * Derives everything the standard sections and the subject line need from a night's record and
 * the agents' records. Cached per night record and options, so reporter plugins and the compiler
 * share one analysis. Never throws for bad input: problems become warnings.
 */
export function analyzeNight(night: NightRecord, options: AnalyzeOptions = {}): Promise<NightModel> {
  const key = JSON.stringify({ ...options, now: undefined });
  let perNight = cache.get(night);
  if (!perNight) cache.set(night, (perNight = new Map()));
  let model = perNight.get(key);
  if (!model) perNight.set(key, (model = analyze(night, options)));
  return model;
}

async function analyze(night: NightRecord, options: AnalyzeOptions): Promise<NightModel> {
  const clean = (text: string) => redact(text, options.secrets);
  const now = options.now?.() ?? new Date();
  const events = [...night.events].sort((a, b) => Date.parse(a.t) - Date.parse(b.t));
  const warnings = [...night.warnings];
  const ended = events.find((e) => e.type === 'night-end');
  const lastEvent = events.at(-1);
  let end = ended ? new Date(ended.t) : night.end;
  let cutShort: Date | undefined;
  if (!ended && lastEvent && now > night.end) {
    end = new Date(Math.min(Date.parse(lastEvent.t), night.end.getTime()));
    if (end < night.end) cutShort = end;
  } else if (!ended && now < night.end) end = now;
  if (end <= night.start) end = new Date(night.start.getTime() + 60_000);
  const window = { start: night.start, end };

  const names = agentNames(night, events);
  const cwdOf = new Map<string, string>();
  for (const a of night.agents) cwdOf.set(a.name, a.cwd);
  for (const e of events) if (e.type === 'agent-started') cwdOf.set(e.agent, e.cwd);
  const agentOfTag = tagResolver(names);

  // the agents' own records
  const recordWindow = { start: night.start, end: new Date(end.getTime() + (options.graceMs ?? 3_600_000)) };
  const coordinationFile = options.coordination?.file;
  const statusLogFile = options.coordination?.statusLog;
  let entries: readonly CoordinationEntry[] = [];
  let statusLines: readonly StatusLine[] = [];
  const malformed: (Malformed & { file: string })[] = [];
  if (coordinationFile) {
    const read = readCoordination(coordinationFile, { timeZone: night.timezone, window: recordWindow });
    entries = read.items.map((e) => cleanEntry(e, clean));
    malformed.push(...read.malformed.map((m) => ({ ...m, file: coordinationFile })));
    warnings.push(...read.warnings);
  }
  if (statusLogFile) {
    const read = readStatusLog(statusLogFile, { timeZone: night.timezone, window: recordWindow });
    statusLines = read.items.map((l) => ({ ...l, tag: clean(l.tag), text: clean(l.text) }));
    malformed.push(...read.malformed.map((m) => ({ ...m, file: statusLogFile })));
    warnings.push(...read.warnings);
  }

  // per agent
  const slotMinutes = slotMinutesFor(window);
  const slots = slotStarts(window, slotMinutes);
  const spans = new Map<string, Span[]>(names.map((n) => [n, activitySpans(events, n, window)]));
  const atDawn = new Map(names.map((n) => [n, stateAtDawn(events, n)]));
  const rescued = rescues(events, clean);
  const agents: AgentSummary[] = names.map((name) => {
    const own = events.filter((e) => 'agent' in e && e.agent === name);
    const words = wordsOf(name, entries, statusLines, agentOfTag);
    const last = words.at(-1);
    return {
      name,
      cwd: cwdOf.get(name),
      minutes: minutesByActivity(spans.get(name)!),
      atDawn: atDawn.get(name)!,
      restarts: own.filter((e) => e.type === 'agent-restarted').length,
      errors: own.filter(
        (e) => (e.type === 'finding' && e.kind === 'error') || (e.type === 'state' && e.to === 'error'),
      ).length,
      givenUp: own.some((e) => e.type === 'agent-given-up'),
      slots: dominantBySlot(spans.get(name)!, slots, slotMinutes),
      lastWord: last ? { at: last.at, text: clean(last.text) } : undefined,
      rescues: rescued.filter((r) => r.agent === name).length,
    };
  });

  const silent = coordinationFile
    ? names
        .map((n) =>
          longestSilence(
            n,
            wordsOf(n, entries, statusLines, agentOfTag).map((w) => w.at),
            spans.get(n)!,
            window,
          ),
        )
        .filter((s) => s !== undefined)
    : [];

  let commits: Commit[] = [];
  if (options.git !== false) {
    const found = await overnightCommits(
      names.map((n) => ({ name: n, cwd: cwdOf.get(n) })),
      window,
      clean,
    );
    commits = found.commits;
    warnings.push(...found.warnings);
  }

  const work = await workItems(events, clean);
  const taskNeeds = workNeeds(work);
  // a task's own item replaces the BLOCKED entry that ended it
  const stoppedOnError =
    ended?.type === 'night-end' && ended.reason === 'error'
      ? clean(ended.detail ?? 'unknown error')
      : undefined;
  const need: NeedsYouItem[] = [
    ...(stoppedOnError !== undefined
      ? [
          {
            kind: 'night-error' as const,
            agent: undefined,
            since: new Date(ended!.t),
            count: 1,
            action:
              "The night stopped early on an error, and nobody watched the agents after it. Read the night's nightshift.log, fix the cause, and start the night again (`nightshift night --now`).",
            detail: stoppedOnError,
            command: undefined,
          },
        ]
      : []),
    ...taskNeeds,
    ...needsYou(events, { atDawn, entries, statusLines, agentOfTag }, clean).filter(
      (n) => n.kind !== 'coordination' || !work.some((w) => w.state === 'blocked' && n.action.includes(w.id)),
    ),
  ];
  const failed = failures(events, { entries, statusLines, agentOfTag, cutShort }, clean);
  const plugins = pluginTrouble(events, options.disabledPlugins ?? [], clean);
  for (const e of events) if (e.type === 'warning') warnings.push(clean(`${e.source}: ${e.message}`));
  const done = countDone(entries, statusLines, agentOfTag);
  const counts = { needsYou: need.length, done, failed: failed.length, rescues: rescued.length };
  const verdict: Verdict =
    failed.length > 0 || stoppedOnError !== undefined
      ? 'failed'
      : need.length > 0 || plugins.length > 0
        ? 'attention'
        : 'ok';

  return {
    night,
    timeZone: night.timezone,
    window,
    cutShort: cutShort !== undefined,
    stoppedOnError,
    agents,
    timeline: { slotMinutes, slots },
    needsYou: need,
    failures: failed,
    rescues: rescued,
    parks: parks(events, end, clean),
    dryRun: events.some((e) => e.type === 'night-start' && e.dryRun),
    wouldDo: wouldDo(events, clean),
    refusals: refusals(events, clean),
    hookChannels: hookChannels(events),
    produced: { entries, statusLines, commits },
    coordination: { configured: Boolean(coordinationFile || statusLogFile), malformed, silent },
    plugins,
    warnings: warnings.map(clean),
    work,
    counts,
    verdict,
  };
}

/** An entry with every agent-written string redacted. */
function cleanEntry(e: CoordinationEntry, clean: (text: string) => string): CoordinationEntry {
  const opt = (s: string | undefined) => (s === undefined ? undefined : clean(s));
  const fields = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, clean(v)]));
  return {
    ...e,
    from: clean(e.from),
    to: clean(e.to),
    status: opt(e.status),
    task: opt(e.task),
    output: opt(e.output),
    notes: opt(e.notes),
    fields,
  };
}

/** The night's agents in config order, then any the journal mentions that the config no longer has. */
function agentNames(night: NightRecord, events: readonly JournalEvent[]): string[] {
  const names = night.agents.map((a) => a.name);
  for (const e of events)
    if ('agent' in e && typeof e.agent === 'string' && !names.includes(e.agent)) names.push(e.agent);
  return names;
}

/** Maps a status-log source (`builder`, `fleet:builder`) to an agent name. */
function tagResolver(names: readonly string[]): (tag: string) => string | undefined {
  const lower = new Map(names.map((n) => [n.toLowerCase(), n]));
  return (tag) => {
    const t = tag.toLowerCase();
    return lower.get(t) ?? lower.get(t.split(':').at(-1) ?? '') ?? undefined;
  };
}

/** What an agent wrote to the coordination file and status log, oldest first. */
function wordsOf(
  agent: string,
  entries: readonly CoordinationEntry[],
  statusLines: readonly StatusLine[],
  agentOfTag: (tag: string) => string | undefined,
): { at: Date; text: string }[] {
  const a = agent.toLowerCase();
  const words = [
    ...entries
      .filter((e) => e.from.toLowerCase() === a)
      .map((e) => ({ at: e.at, text: `${e.status ?? '?'}${e.task ? `: ${e.task}` : ''}` })),
    ...statusLines
      .filter((l) => agentOfTag(l.tag) === agent)
      .map((l) => ({ at: l.at, text: `${l.status}: ${l.text}` })),
  ];
  return words.sort((x, y) => x.at.getTime() - y.at.getTime());
}

/** The agent's state when the journal ends. */
function stateAtDawn(events: readonly JournalEvent[], agent: string): string {
  let state = 'not started';
  for (const e of events) {
    if (!('agent' in e) || e.agent !== agent) continue;
    if (state === 'given up' && e.type !== 'agent-started' && e.type !== 'agent-restarted') continue;
    if (e.type === 'state') state = e.to;
    else if (e.type === 'agent-started' || e.type === 'agent-restarted') state = 'started';
    else if (e.type === 'agent-exited') state = 'exited';
    else if (e.type === 'agent-given-up') state = 'given up';
  }
  return state;
}

/**
 * Tasks done: DONE entries of the coordination file (each task once); DONE lines of the status log
 * count only for sources with no DONE entry there (agents often record the same task in both).
 */
function countDone(
  entries: readonly CoordinationEntry[],
  statusLines: readonly StatusLine[],
  agentOfTag: (tag: string) => string | undefined,
): number {
  const keys = new Set<string>();
  const reporting = new Set<string>();
  for (const e of entries) {
    if (e.status !== 'DONE') continue;
    keys.add(`c|${e.from}|${(e.task ?? String(e.line)).toLowerCase()}`);
    reporting.add(e.from.toLowerCase());
  }
  for (const l of statusLines) {
    if (l.status !== 'DONE' || reporting.has((agentOfTag(l.tag) ?? l.tag).toLowerCase())) continue;
    keys.add(`s|${l.tag}|${l.text.toLowerCase()}`);
  }
  return keys.size;
}
