// The queue during a night: after every watch tick, gives free agents their next task, watches running tasks for
// their end (the agent's own report, a timeout, a park, going quiet at the input box), and keeps every change in the
// state directory and the journal. Every keystroke goes through the actuator; starting an agent in a task's worktree
// goes through tmux like the layout's start.
import { existsSync, statSync } from 'node:fs';
import type { Logger } from 'pino';
import type { AgentConfig, Config } from '../../config/schema.js';
import type { BoundActions } from '../actuator/index.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import type { JournalEvent, NewJournalEvent } from '../journal/events.js';
import type { Tmux } from '../tmux/types.js';
import { addedFile } from './added.js';
import { inFlight, nextTask } from './dispatch.js';
import type { EndReader } from './end-signal.js';
import { readStore, withStoredState, writeStore } from './store.js';
import { collectTasks } from './tasks.js';
import { taskMarker, taskText } from './trailer.js';
import type { EndSignal, TaskRun, TaskState } from './types.js';
import { closeWorktree, makeWorktree } from './workspace.js';

/** What the queue needs from the night. */
export interface QueueDeps {
  readonly config: Config;
  readonly night: { readonly id: string };
  readonly tmux: Pick<Tmux, 'start'>;
  /** the actuator's actions for the queue on one agent */
  readonly actions: (agent: AgentRuntime) => BoundActions;
  readonly journal: (event: NewJournalEvent) => unknown;
  readonly now: () => Date;
  readonly log: Logger;
  readonly ends: EndReader;
}

/** What an agent in `workspace: worktree` runs between tasks: nothing that could touch a repository. */
export const IDLE_COMMAND = `sh -c 'echo "nightshift: no task for this agent right now"; exec sleep 2147483647'`;
/** a park is described in the report once it lasted this long (a dialog auto-confirm answers is gone by then) */
const PARK_NOTED_MS = 15_000;
/** delivering a task's text gives up after this many refused or unverified attempts */
const ATTEMPTS = 5;
/** an agent started for a task gets at least this long to show its input box (a loaded machine starts slowly) */
const START_MS = 5 * 60_000;
const PARKED = new Set(['question', 'confirm', 'secret']);

/** What the queue remembers about an agent's current task between ticks (not on disk: rebuilt after a restart). */
interface Watching {
  worked: boolean;
  parkedSince?: number | undefined;
  attempts: number;
}

/** The night's queue. */
export class QueueRunner {
  readonly #d: QueueDeps;
  #runs: TaskRun[] = [];
  readonly #base = new Map<string, AgentConfig>();
  readonly #watching = new Map<string, Watching>();
  #addedSize = -1;
  readonly #worktree: boolean;

  constructor(deps: QueueDeps) {
    this.#d = deps;
    this.#worktree = deps.config.queue?.workspace === 'worktree';
  }

  /** Every task's run as it is now. */
  get runs(): readonly TaskRun[] {
    return this.#runs;
  }

  /**
   * Before the layout comes up: loads the queue and its stored state, settles what a restart left (a task typed
   * before the runner died is running, not typed again), and points each agent at its task's worktree (so a dead
   * pane is resumed there) or, free in `workspace: worktree`, at a program that does nothing.
   */
  restore(agents: readonly AgentRuntime[], events: readonly JournalEvent[]): void {
    const { tasks, problems } = collectTasks(this.#d.config);
    for (const p of problems)
      this.#d.journal({ type: 'warning', source: 'queue', message: `${p.path}: ${p.message}` });
    this.#runs = withStoredState(tasks, readStore(this.#d.config.stateDir));
    this.#addedSize = this.#addedFileSize();
    const night = this.#d.night.id;
    for (const agent of agents) {
      this.#base.set(agent.config.name, { ...agent.config, task: undefined });
      agent.config = { ...agent.config, task: undefined }; // the queue types it, not kickoff
    }
    const byName = new Map(agents.map((a) => [a.config.name, a]));
    for (const run of this.#runs) {
      if (!inFlight(run)) continue;
      const agent = run.agent ? byName.get(run.agent) : undefined;
      if (run.night !== night || !agent) {
        this.#end(run, 'failed', 'night-end', {
          summary: `left unfinished when the runner of night ${run.night ?? '?'} stopped`,
        });
        continue;
      }
      if (run.state === 'starting') {
        const sent = events.find(
          (e) =>
            e.type === 'intent' &&
            e.plugin === 'queue' &&
            e.agent === agent.config.name &&
            e.text?.includes(taskMarker(run.task.id)),
        );
        if (sent) this.#set(run, { state: 'running', sentAt: sent.t }); // it may have arrived: never typed twice
      }
      if (this.#worktree && run.worktree) agent.config = { ...this.#baseOf(agent), cwd: run.worktree };
      this.#watching.set(agent.config.name, { worked: true, attempts: 0 });
    }
    if (this.#worktree)
      for (const agent of agents)
        if (!this.#current(agent))
          agent.config = { ...this.#baseOf(agent), command: IDLE_COMMAND, resume: IDLE_COMMAND };
  }

  /** One step after a tick: new tasks picked up, each agent's task watched or a free agent given its next one. */
  async step(agents: readonly AgentRuntime[]): Promise<void> {
    if (this.#d.config.actuator.dryRun) return;
    this.#pickUpAdded();
    for (const agent of agents) {
      try {
        await this.#stepAgent(agent);
      } catch (error) {
        this.#d.log.warn(
          { agent: agent.config.name, err: error },
          'queue step failed; trying again next tick',
        );
      }
    }
  }

  /**
   * The night is over. At its scheduled end a task still running is timed out (its worktree kept as it is); after a
   * signal it stays in flight, to be resumed if the night is started again. Tasks not reached are journaled as such
   * and stay queued for the next night unless `carryOver` is off.
   */
  finish(reason: 'duration' | 'signal' | 'error'): void {
    const carry = this.#d.config.queue?.carryOver ?? true;
    for (const run of this.#runs) {
      if (inFlight(run) && reason === 'duration')
        this.#end(run, 'timed-out', 'night-end', { summary: 'the night ended first' });
      else if (run.state === 'queued') {
        this.#d.journal({
          type: 'task',
          id: run.task.id,
          run: { ...run, state: 'not-reached', night: this.#d.night.id },
        });
        if (!carry) this.#set(run, { state: 'not-reached', night: this.#d.night.id });
      }
    }
  }

  async #stepAgent(agent: AgentRuntime): Promise<void> {
    const run = this.#current(agent);
    if (run?.state === 'starting') return this.#deliver(agent, run);
    if (run) return this.#watch(agent, run);
    if (agent.status.givenUp || !agent.paneId) return;
    if (!this.#worktree && agent.last?.classification.state !== 'input') return;
    const next = nextTask(this.#runs, agent.config.name);
    if (!next) return;
    this.#watching.set(agent.config.name, { worked: false, attempts: 0 });
    const startedAt = this.#d.now().toISOString();
    if (!this.#worktree) {
      this.#set(next, { state: 'starting', agent: agent.config.name, night: this.#d.night.id, startedAt });
      return this.#deliver(agent, next);
    }
    const base = this.#baseOf(agent);
    const made = await makeWorktree({
      repo: this.#d.config.queue?.repo ?? base.cwd,
      base: this.#d.config.queue?.base,
      root: this.#d.config.queue?.worktrees,
      night: this.#d.night.id,
      id: next.task.id,
    });
    if ('error' in made) {
      this.#set(next, { agent: agent.config.name, night: this.#d.night.id, startedAt });
      this.#end(next, 'failed', 'agent-gone', { summary: made.error });
      return;
    }
    this.#set(next, {
      state: 'starting',
      agent: agent.config.name,
      night: this.#d.night.id,
      startedAt,
      repo: made.repo,
      branch: made.branch,
      worktree: made.folder,
      baseCommit: made.baseCommit,
    });
    agent.config = { ...base, cwd: made.folder };
    await this.#startAgent(agent, base.command, made.folder);
  }

  /** Types the task (and its trailer) once the agent's input box is ready; the actuator verifies the delivery. */
  async #deliver(agent: AgentRuntime, run: TaskRun): Promise<void> {
    const now = this.#d.now().getTime();
    if (now - Date.parse(run.startedAt ?? '') > Math.max(this.#timeout(), START_MS))
      return this.#finish(agent, run, 'failed', 'timeout', {
        summary: 'its agent never showed an input box to take it',
      });
    if (agent.last?.classification.state !== 'input') return;
    const w = this.#watchingOf(agent);
    const { coordination } = this.#d.config;
    const text = taskText(run.task, {
      agent: agent.config.name,
      coordinationFile: coordination.file,
      statusLog: coordination.statusLog,
    });
    const act = this.#d.actions(agent);
    const outcome = await act.type(text, { submit: true }).finally(() => act.revoke());
    // sent is delivered, verified or not: typing it again could give the task twice
    if (outcome.ok) {
      agent.status.taskSentAt = this.#d.now();
      this.#set(run, { state: 'running', sentAt: this.#d.now().toISOString() });
      return;
    }
    if (!outcome.ok && (outcome.why === 'cooldown' || outcome.why === 'not-ready')) return;
    const why = outcome.ok ? 'the input box did not take it' : outcome.reason;
    // a refusal by the guard is tried again too (a hold may come from a slow analysis), then the task waits on a person
    w.attempts += 1;
    if (w.attempts < ATTEMPTS) return;
    if (!outcome.ok && outcome.why === 'guard')
      return this.#finish(agent, run, 'blocked', 'park', {
        blockedOn: `the guard would not type its text: ${why}`,
      });
    return this.#finish(agent, run, 'failed', 'agent-gone', {
      summary: `its text could not be delivered: ${why}`,
    });
  }

  /** Watches a running task for its end. */
  async #watch(agent: AgentRuntime, run: TaskRun): Promise<void> {
    const now = this.#d.now().getTime();
    const sentAt = Date.parse(run.sentAt ?? run.startedAt ?? '');
    const reported = this.#d.ends(run.task.id, agent.config.name, new Date(sentAt));
    if (reported) {
      const blockedOn =
        reported.state === 'blocked' ? (reported.summary ?? 'the agent said it is blocked') : undefined;
      return this.#finish(agent, run, reported.state, reported.by, { summary: reported.summary, blockedOn });
    }
    if (agent.status.givenUp)
      return this.#finish(agent, run, 'failed', 'agent-gone', { summary: 'its agent was given up on' });
    const w = this.#watchingOf(agent);
    if (now - sentAt > this.#timeout())
      // stopped either way; a task parked on a person when its time ran out was blocked, not slow
      return w.parkedSince !== undefined
        ? this.#finish(agent, run, 'blocked', 'park', {
            blockedOn: run.blockedOn ?? parkDescription(agent.last!),
          })
        : this.#finish(agent, run, 'timed-out', 'timeout', {});
    const seen = agent.last;
    if (!seen) return;
    const state = seen.classification.state;
    if (PARKED.has(state)) {
      w.parkedSince ??= now;
      const parked = now - w.parkedSince;
      if (parked >= PARK_NOTED_MS && !run.blockedOn) this.#set(run, { blockedOn: parkDescription(seen) });
      const limit = this.#d.config.queue?.park ?? 20 * 60_000;
      if (parked >= limit)
        return this.#finish(agent, run, 'blocked', 'park', {
          blockedOn: run.blockedOn ?? parkDescription(seen),
        });
      return;
    }
    w.parkedSince = undefined;
    const changed = agent.status.changedAt?.getTime() ?? 0;
    if (state !== 'input' || changed > sentAt) w.worked = true;
    const quiet = this.#d.config.queue?.quiet ?? 2 * 60_000;
    if (state === 'input' && w.worked && now - changed >= quiet)
      return this.#finish(agent, run, 'done', 'quiet', {
        summary: run.summary ?? 'no end reported: the agent went quiet at its input box',
      });
  }

  /** Ends a task; in a worktree the agent is stopped and what the task left is looked at (the worktree removed only when empty). */
  async #finish(
    agent: AgentRuntime,
    run: TaskRun,
    state: TaskState,
    by: EndSignal,
    more: { summary?: string | undefined; blockedOn?: string | undefined },
  ): Promise<void> {
    agent.status.taskSentAt = null;
    this.#watching.delete(agent.config.name);
    const base = this.#baseOf(agent);
    if (this.#worktree) {
      agent.config = { ...base, command: IDLE_COMMAND, resume: IDLE_COMMAND };
      await this.#startAgent(agent, IDLE_COMMAND, base.cwd);
      if (run.repo && run.worktree && run.branch && run.baseCommit) {
        const left = await closeWorktree({
          repo: run.repo,
          folder: run.worktree,
          branch: run.branch,
          baseCommit: run.baseCommit,
        });
        this.#set(run, {
          removed: left.removed,
          uncommitted: left.uncommitted.length ? left.uncommitted : undefined,
        });
      }
    } else if (by === 'timeout' || by === 'park') {
      // stopped: the agent starts afresh for the next task
      await this.#startAgent(agent, base.command, base.cwd);
    }
    this.#end(run, state, by, more);
  }

  #end(
    run: TaskRun,
    state: TaskState,
    by: EndSignal,
    more: { summary?: string | undefined; blockedOn?: string | undefined },
  ): void {
    this.#set(run, {
      state,
      endedAt: this.#d.now().toISOString(),
      endedBy: by,
      ...(more.summary !== undefined ? { summary: more.summary } : {}),
      ...(more.blockedOn !== undefined ? { blockedOn: more.blockedOn } : {}),
    });
  }

  /** Starts `command` afresh in the agent's pane (killing what ran there), journaled like the layout's start. */
  async #startAgent(agent: AgentRuntime, command: string, cwd: string): Promise<void> {
    if (!agent.paneId) return;
    await this.#d.tmux.start(agent.paneId, { command, cwd, env: agent.config.env });
    agent.lastAnswer = undefined;
    this.#d.journal({
      type: 'agent-started',
      agent: agent.config.name,
      paneId: agent.paneId,
      command,
      cwd,
      cols: agent.config.size.cols,
      rows: agent.config.size.rows,
      adopted: false,
    });
  }

  /** Changes a run, saves the queue, journals the run. The state file is written before anything acts on it. */
  #set(run: TaskRun, change: Partial<Omit<TaskRun, 'task'>>): void {
    Object.assign(run, change);
    writeStore(this.#d.config.stateDir, this.#runs);
    this.#d.journal({ type: 'task', id: run.task.id, run: { ...run } });
  }

  /** Tasks added with `nightshift tasks add` since the last look. */
  #pickUpAdded(): void {
    const size = this.#addedFileSize();
    if (size === this.#addedSize) return;
    this.#addedSize = size;
    const known = new Set(this.#runs.map((r) => r.task.id));
    const { tasks, problems } = collectTasks(this.#d.config);
    for (const p of problems.filter((p) => p.path.startsWith('added task')))
      this.#d.journal({ type: 'warning', source: 'queue', message: `${p.path}: ${p.message}` });
    for (const task of tasks)
      if (!known.has(task.id)) {
        const run: TaskRun = { task, state: 'queued' };
        this.#runs.push(run);
        this.#set(run, {});
      }
  }

  #addedFileSize(): number {
    const file = addedFile(this.#d.config.stateDir);
    return existsSync(file) ? statSync(file).size : 0;
  }

  #current(agent: AgentRuntime): TaskRun | undefined {
    return this.#runs.find((r) => inFlight(r) && r.agent === agent.config.name);
  }

  #baseOf(agent: AgentRuntime): AgentConfig {
    return this.#base.get(agent.config.name) ?? agent.config;
  }

  #watchingOf(agent: AgentRuntime): Watching {
    let w = this.#watching.get(agent.config.name);
    if (!w) this.#watching.set(agent.config.name, (w = { worked: true, attempts: 0 }));
    return w;
  }

  #timeout(): number {
    return this.#d.config.queue?.timeout ?? 90 * 60_000;
  }
}

/** What a parked screen asks, in a line for the report. */
function parkDescription(seen: NonNullable<AgentRuntime['last']>): string {
  const { classification, snapshot } = seen;
  const dialog = classification.dialog;
  if (dialog?.command) return `a ${classification.state} waiting on a person: ${dialog.command}`;
  const lines = snapshot.lines
    .map((l) => l.trim())
    .filter((l) => l && !/^[─━═\-│╭╮╰╯\s]+$/.test(l) && !/Enter to select|esc to cancel/i.test(l))
    .slice(-6)
    .join(' ⏎ ');
  return `a ${classification.state} waiting on a person: ${lines.length > 300 ? `${lines.slice(0, 299)}…` : lines}`;
}
