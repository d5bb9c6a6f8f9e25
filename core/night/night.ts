// One night's lifecycle: run directory, journal, layout and pipes, the watch loop, the end.
// A runner killed mid-night and started again resumes the same night from its run directory.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { LoadedConfig } from '../../config/load.js';
import { newAgentRuntime, type AgentRuntime } from '../watch/agent-runtime.js';
import { openNightControl } from '../control/night-control.js';
import { NightshiftError } from '../errors.js';
import { watchHandshakes, wireNight } from '../hooks/night-hooks.js';
import { isDiskFull } from '../files/disk-full.js';
import { makePrivateDir, tightenTree, writePrivateFile } from '../files/private.js';
import type { Guard } from '../guard/types.js';
import { Journal, readJournal, type SpaceChange } from '../journal/journal.js';
import { waitForWriters } from '../logs/pane-writer.js';
import type { EscalationKind, NewJournalEvent } from '../journal/events.js';
import { bringUp } from './layout.js';
import { WakeableSleep } from './wakeable-sleep.js';
import type { NightPlan } from './night-plan.js';
import type { NightObserver } from './observer.js';
import type { LoadedPlugin } from '../plugin/loader.js';
import { PluginStateStore } from '../plugin/state.js';
import { wakeOnOutput, type OutputWake } from '../watch/output-wake.js';
import { lookDue, wakeAt } from '../watch/polling.js';
import type { EndReader } from '../queue/end-signal.js';
import { nightQueue } from '../queue/night-queue.js';
import type { RecordRedactor } from '../journal/screen-record.js';
import { recordNight } from './record-night.js';
import { createWatch, type ClassifyScreen } from '../watch/watch.js';
import { tick } from '../watch/tick.js';
import type { Tmux } from '../tmux/types.js';
import type { NightHosts } from '../hosts/fleet.js';

/** Everything a night needs; the composition root (core/commands) builds it. */
export interface NightOptions {
  readonly loaded: LoadedConfig;
  readonly plugins: readonly LoadedPlugin[];
  readonly tmux: Tmux;
  readonly guard: Guard;
  readonly classify: ClassifyScreen;
  readonly log: Logger;
  readonly plan: NightPlan;
  /** ends the night early (SIGINT/SIGTERM) */
  readonly signal: AbortSignal;
  readonly now?: () => Date;
  /** an urgent escalation: mail now, when configured */
  readonly onUrgent?: (agent: string, kind: EscalationKind, reason: string) => void;
  /** every journal event as it is written (the CLI's live view) */
  readonly onEvent?: (event: NewJournalEvent) => void;
  /** how the task queue learns an agent reported a task's end (the coordination file, the status log) */
  readonly queueEnds?: EndReader;
  /** agents on other hosts (docs/hosts.md): their links, and which hosts can be reached now */
  readonly hosts?: NightHosts;
  /** the report's redaction, for the screen record (`record:`); without it nothing is recorded */
  readonly redact?: RecordRedactor;
  /** watches the night from outside (the HTTP status endpoint); never blocks the loop */
  readonly observer?: NightObserver;
}

/** How a night ended. */
export interface NightResult {
  readonly plan: NightPlan;
  readonly journalFile: string;
  readonly resumed: boolean;
  readonly endReason: 'duration' | 'signal' | 'error';
  /** what stopped the night (`endReason` `error`): the error's message */
  readonly failure?: string;
  /** agents still running in tmux after the night (`night.stopAgents` off): how to see and stop them */
  readonly leftRunning: string | undefined;
}

/** The sentence saying the agents were left running, and the tmux commands to look at them and stop them. */
export function leftRunningNotice(config: LoadedConfig['config']): string {
  const tmux = config.tmux.socket ? `tmux -L ${config.tmux.socket}` : 'tmux';
  const session = config.tmux.session;
  return `the agents are still running in tmux session "${session}" (night.stopAgents is off): look with \`${tmux} attach -t ${session}\`, stop them with \`${tmux} kill-session -t ${session}\``;
}

const PIPE_MARK_MS = 30_000;

/** Runs one night from its start (or resumes it) until its end or the signal; the journal is closed on return. */
export async function runNight(options: NightOptions): Promise<NightResult> {
  const { plan, loaded, log } = options;
  const { config } = loaded;
  const now = options.now ?? (() => new Date());
  const logsDir = join(plan.runDir, 'logs');
  makePrivateDir(logsDir);
  const planFile = join(plan.runDir, 'night.json');
  const resumed = existsSync(planFile);
  if (!resumed)
    writePrivateFile(
      planFile,
      JSON.stringify(
        {
          id: plan.id,
          start: plan.start,
          end: plan.end,
          configHash: loaded.hash,
          configFile: loaded.filepath,
          agents: config.agents.map((a) => a.name),
          timezone: config.timezone,
        },
        null,
        2,
      ),
    );
  const journalFile = join(plan.runDir, 'events.jsonl');
  const previousEvents = resumed ? readJournal(journalFile).events : [];
  const onSpace = (change: SpaceChange) =>
    diskSpaceChanged(change, { journal, log, onUrgent: options.onUrgent });
  const journal = new Journal(journalFile, { now, onSpace });
  /**
   * True when the event is on disk. While the disk is full events wait in memory, except a send's intent: that is
   * written now or never, and the actuator sends nothing without it.
   */
  const append = (event: NewJournalEvent) => {
    const written = event.type === 'intent' ? journal.record(event) : (journal.append(event), !journal.full);
    if (written || event.type !== 'intent') {
      options.onEvent?.(event);
      observe(() => options.observer?.event(event, now()));
    }
    return written;
  };
  // each agent's own hook channel, wired per session without touching the user's files (core/hooks)
  const wired = wireNight(config.agents, { stateDir: config.stateDir, runDir: plan.runDir });
  const agents = wired.map((w) =>
    newAgentRuntime(w.config, join(plan.runDir, 'logs', `${w.config.name}.log`)),
  );
  restoreFromJournal(agents, previousEvents);
  const detachHosts = options.hosts?.attach((e) => void append(e));
  // an agent whose host cannot be reached is not looked at; it is brought up when its host first answers
  const reachable = (a: AgentRuntime) => options.hosts?.reachable(a.config.host) ?? true;
  append({
    type: 'night-start',
    night: plan.id,
    runDir: plan.runDir,
    configHash: loaded.hash,
    resumed,
    start: plan.start.toISOString(),
    end: plan.end.toISOString(),
    agents: agents.map((a) => a.config.name),
    dryRun: config.actuator.dryRun,
  });
  log.info(
    { night: plan.id, runDir: plan.runDir, resumed },
    resumed ? 'resuming the night' : 'the night begins',
  );

  const stop = new AbortController();
  watchHandshakes(agents, wired, { journal: append, signal: stop.signal });
  const onStop = () => stop.abort();
  options.signal.addEventListener('abort', onStop, { once: true });
  const state = new PluginStateStore(config.stateDir, plan.id);
  // looks between regular ticks (checks asking to look again, waiting agents' wake times): the earliest per agent
  const extraLooks = new Map<AgentRuntime, number>();
  const recording = await recordNight({
    config,
    runDir: plan.runDir,
    tmux: options.tmux,
    redact: options.redact,
    agentOf: (paneId) => agents.find((a) => a.paneId === paneId)?.config.name,
    now,
  });
  const lookAt = (agent: AgentRuntime, at: number) =>
    void extraLooks.set(agent, Math.min(at, extraLooks.get(agent) ?? Infinity));
  const deps = createWatch({
    config,
    plugins: options.plugins,
    tmux: recording.tmux,
    guard: options.guard,
    classify: options.classify,
    journal: append,
    log,
    state,
    night: { id: plan.id, runDir: plan.runDir, start: plan.start, end: plan.end },
    now,
    sleep: (ms) => sleep(ms),
    signal: stop.signal,
    lookAgain: (a, ms) => lookAt(a, now().getTime() + ms),
    onUrgent: options.onUrgent,
  });
  const { host } = deps;
  // open before the agents start: their hooks ask it from their first tool call
  const control = await openNightControl(
    {
      config,
      night: { id: plan.id, runDir: plan.runDir },
      agents,
      watch: deps,
      guard: options.guard,
      journal: append,
      log,
      now,
    },
    recording.routes,
  );
  const queue = nightQueue({ config, night: plan, tmux: options.tmux, watch: deps, ends: options.queueEnds });
  queue?.restore(agents, previousEvents);
  const { observer } = options;
  if (observer) {
    const parts = {
      config,
      night: { id: plan.id, runDir: plan.runDir },
      agents,
      watch: deps,
      guard: options.guard,
    };
    const tasks = () => queue?.runs ?? [];
    observe(() =>
      observer.open({ ...parts, journal: append, log, now, plan, tasks, previous: previousEvents }),
    );
  }
  // between regular ticks, a pane is looked at soon after its output settles (a dialog just drawn)
  const pause = new WakeableSleep();
  let outputWake: OutputWake | undefined;

  let endReason: NightResult['endReason'] = 'duration';
  /** what stopped the night, when an error did */
  let failure: string | undefined;
  let leftRunning: string | undefined;
  try {
    const dryRun = config.actuator.dryRun;
    const bringUpOpts = {
      tmux: options.tmux,
      session: config.tmux.session,
      journal: append,
      resumed,
      dryRun,
    };
    // the agents here first; each host's on their own in the loop: a host lost while its agents start costs its agents
    // (until it answers again), never the night
    await bringUp(
      agents.filter((a) => a.config.host === undefined),
      bringUpOpts,
    );
    const owed = new Set(agents.flatMap((a) => (a.config.host === undefined ? [] : [a.config.host])));
    options.hosts?.takeArrivals();
    // a dry run watches only the panes that already run; the others were never started
    const watched = dryRun ? agents.filter((a) => a.paneId) : agents;
    await host.setup();
    outputWake = wakeOnOutput(watched, {
      due: (a) => {
        // an agent waiting for a reset or given up is looked at rarely (polling.ts): its output does not change that
        if (a.status.waitingUntil || a.status.givenUp) return;
        lookAt(a, now().getTime());
        pause.wake();
      },
      onError: (dir, err) =>
        log.warn({ dir, err }, 'cannot watch the pane logs; looking on the regular tick only'),
    });
    let nextTick = now().getTime();
    let nextMark = 0;
    let tmuxLost = false;
    while (!stop.signal.aborted && now() < plan.end) {
      const t = now().getTime();
      const regular = t >= nextTick;
      for (const host of options.hosts?.takeArrivals() ?? []) owed.add(host);
      for (const host of owed) {
        if (!options.hosts?.reachable(host)) continue;
        try {
          await bringUp(
            agents.filter((a) => a.config.host === host),
            bringUpOpts,
          );
          owed.delete(host);
        } catch (error) {
          // lost on the way: tried again once it answers; reachable and failing: not tried again
          if (options.hosts.reachable(host)) owed.delete(host);
          log.warn({ err: error, host }, 'cannot bring up the agents of a host');
        }
      }
      const due = watched
        .filter(reachable)
        .filter((a) => (regular && lookDue(a, t)) || (extraLooks.get(a) ?? Infinity) <= t);
      if (due.length) {
        // an extra look (a check asked, the output settled) always captures; a regular one carries quiet panes
        const fresh = new Set(due.filter((a) => (extraLooks.get(a) ?? Infinity) <= t));
        for (const a of due) extraLooks.delete(a);
        try {
          if (tmuxLost) await recoverTmux();
          const tickStart = performance.now();
          await tick(due, deps, { carryQuiet: true, fresh });
          observe(() => observer?.tick(performance.now() - tickStart, due.length));
          await queue?.step(due);
          flushState(state, log);
        } catch (error) {
          if (!(error instanceof NightshiftError) || !error.code.startsWith('TMUX')) throw error;
          // one failed or slow command is not a lost server: the next tick tries again
          const gone = !(await options.tmux.serverRunning().catch(() => false));
          if (!gone) log.warn({ err: error }, 'a tmux command failed; trying again next tick');
          else if (!tmuxLost) {
            tmuxLost = true;
            append({ type: 'tmux-lost', detail: error.message });
            for (const a of agents)
              append({
                type: 'escalation',
                agent: a.config.name,
                plugin: 'core',
                kind: 'other',
                reason: `tmux server lost: ${error.message}`,
                urgent: false,
              });
            log.error({ err: error }, 'lost the tmux server; will recreate the layout');
          }
        }
      }
      if (regular)
        nextTick = Math.max(nextTick + config.watch.interval, now().getTime() + config.watch.interval / 4);
      for (const a of agents) {
        const wake = wakeAt(a, now().getTime());
        if (wake !== undefined) lookAt(a, wake);
      }
      if (journal.full) journal.retry();
      if (t >= nextMark) {
        markPipes(agents, append);
        nextMark = t + PIPE_MARK_MS;
      }
      const wake = Math.min(nextTick, plan.end.getTime(), ...extraLooks.values());
      await pause.sleep(Math.max(5, wake - now().getTime()), stop.signal);
    }
    if (stop.signal.aborted) endReason = 'signal';

    async function recoverTmux(): Promise<void> {
      if (!(await options.tmux.serverRunning()) || !(await options.tmux.hasSession(config.tmux.session))) {
        if (!config.tmux.recreate)
          throw new NightshiftError('TMUX_FAILED', 'the tmux server is gone and tmux.recreate is off');
        await bringUp(agents, {
          tmux: options.tmux,
          session: config.tmux.session,
          journal: append,
          resumed: true,
          dryRun: config.actuator.dryRun,
        });
        append({ type: 'tmux-restored', recreated: true });
      } else append({ type: 'tmux-restored', recreated: false });
      tmuxLost = false;
    }
  } catch (error) {
    endReason = 'error';
    failure = error instanceof Error ? error.message : String(error);
    log.error({ err: error }, 'the night failed');
    append({ type: 'warning', source: 'core', message: `the night stopped on an error: ${failure}` });
  } finally {
    options.signal.removeEventListener('abort', onStop);
    stop.abort();
    await control?.close();
    queue?.finish(endReason);
    outputWake?.close();
    markPipes(agents, append);
    await host.teardown();
    recording.close();
    flushState(state, log);
    if (config.night.stopAgents && !config.actuator.dryRun) await stopAgents(agents, options.tmux);
    else {
      if (agents.some((a) => a.paneId) && !config.actuator.dryRun) {
        leftRunning = leftRunningNotice(config);
        append({ type: 'warning', source: 'core', message: leftRunning });
      }
      // the night's logs end with the night: the agents run on, nothing keeps writing into this night's logs
      await closePipes(agents, options.tmux);
    }
    if (!(await waitForWriters(logsDir)))
      log.warn({ logsDir }, 'a pane log writer is still running after its pipe was closed');
    markPipes(agents, append);
    await options.hosts?.flush();
    detachHosts?.();
    append({ type: 'night-end', reason: endReason, ...(failure !== undefined ? { detail: failure } : {}) });
    const unwritten = journal.close();
    observe(() => observer?.close());
    if (unwritten) log.error({ unwritten }, 'the disk is still full: the last journal events were lost');
    tightenTree(plan.runDir);
    log.info({ night: plan.id, endReason }, 'the night is over');
  }
  return {
    plan,
    journalFile,
    resumed,
    endReason,
    leftRunning,
    ...(failure !== undefined ? { failure } : {}),
  };
}

/** Calls an observer; its failure is its own and never reaches the night. */
function observe(call: () => void): void {
  try {
    call();
  } catch {
    // an observer that throws is ignored: the night goes on
  }
}

/** After a restart: recover what the journal knows (panes, restarts, waits, the last answered screen, given-up agents). */
function restoreFromJournal(
  agents: readonly AgentRuntime[],
  events: ReturnType<typeof readJournal>['events'],
): void {
  const byName = new Map(agents.map((a) => [a.config.name, a]));
  for (const e of events) {
    const agent = 'agent' in e && typeof e.agent === 'string' ? byName.get(e.agent) : undefined;
    if (!agent) continue;
    if (e.type === 'agent-started') agent.paneId = e.paneId;
    else if (e.type === 'agent-restarted') agent.status.restarts = e.attempt;
    else if (e.type === 'agent-given-up') agent.status.givenUp = true;
    else if (e.type === 'wait') agent.status.waitingUntil = new Date(e.until);
    else if (e.type === 'resumed') agent.status.waitingUntil = null;
    else if (e.type === 'action' && e.action === 'answer' && !e.dryRun)
      agent.lastAnswer = { hash: e.screenHash, at: Date.parse(e.t) };
  }
}

/** Journals each log's size, so the report can place log bytes in time. */
function markPipes(agents: readonly AgentRuntime[], append: (e: NewJournalEvent) => void): void {
  for (const a of agents) {
    try {
      append({ type: 'pipe', agent: a.config.name, file: a.logFile, offset: statSync(a.logFile).size });
    } catch {
      // no log yet: nothing to place
    }
  }
}

/** Stops every agent: its pane and the whole process tree its program started. */
async function stopAgents(agents: readonly AgentRuntime[], tmux: Tmux): Promise<void> {
  await Promise.all(
    agents.map((a) => (a.paneId ? tmux.killPane(a.paneId).catch(() => undefined) : undefined)),
  );
}

/** Agents left running keep their panes; their output stops going into this night's logs. */
async function closePipes(agents: readonly AgentRuntime[], tmux: Tmux): Promise<void> {
  for (const a of agents) if (a.paneId) await tmux.unpipe(a.paneId).catch(() => undefined);
}

/** Plugin state is a cache of the night: a full disk skips a flush (the next one writes it), it stops nothing. */
function flushState(state: PluginStateStore, log: Logger): void {
  try {
    state.flush();
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    log.warn({ err: error }, 'plugin state not saved: the disk is full');
  }
}

/**
 * The disk filled up, or space came back. While it is full the journal keeps events in memory, the actuator sends
 * nothing it could not journal first, and pane writers drop output; the person is told at once (urgent mail, sent from
 * memory). When space returns the journal catches up and a warning in the report shows the gap.
 */
function diskSpaceChanged(
  change: SpaceChange,
  o: { journal: Journal; log: Logger; onUrgent: NightOptions['onUrgent'] },
): void {
  if (change.state === 'full') {
    o.journal.append({ type: 'disk-full', detail: change.detail });
    o.log.error(
      { detail: change.detail },
      'the disk is full: nothing is sent until the journal can be written',
    );
    o.onUrgent?.(
      'nightshift',
      'other',
      `The disk holding the night's journal is full (${change.detail}). nightshift sends nothing to the agents ` +
        'until it can journal again, and pane logs stop growing. Free some space: it carries on by itself.',
    );
    return;
  }
  const minutes = Math.max(1, Math.round((change.at.getTime() - change.since.getTime()) / 60_000));
  o.journal.append({ type: 'disk-recovered', since: change.since.toISOString(), lost: change.lost });
  o.journal.append({
    type: 'warning',
    source: 'disk',
    message:
      `the disk was full from ${change.since.toISOString()} to ${change.at.toISOString()} (about ${minutes} min): ` +
      `nothing was sent to the agents meanwhile, pane output in that gap is lost` +
      (change.lost ? `, and ${change.lost} journal events could not be kept` : ''),
  });
  o.log.warn({ since: change.since.toISOString() }, 'disk space is back: the journal caught up');
}

/** Reads a night's plan file, if the night has run. */
export function readNightPlan(
  runDir: string,
): { id: string; start: string; end: string; configHash: string } | undefined {
  try {
    return JSON.parse(readFileSync(join(runDir, 'night.json'), 'utf8')) as {
      id: string;
      start: string;
      end: string;
      configHash: string;
    };
  } catch {
    return undefined;
  }
}
