// The only path to a pane's input. Every keystroke passes: guard, stale-screen check, copy mode,
// budgets, dry-run, verification, journal. Refusals are values, never throws.
import type { Config } from '../config/schema.js';
import type { AgentRuntime } from './agent-runtime.js';
import type { GuardResult } from './guard/types.js';
import type { ActionName, EscalationKind, NewJournalEvent, RefusalWhy } from './journal-events.js';
import type { ActionOutcome, Actions, Key } from './plugin/types.js';
import { answeringKeys } from './actuator/answering-keys.js';
import { boxRows, pendingInput, showsReady } from './actuator/input-box.js';
import { inputTarget, screenName } from './actuator/input-target.js';
import { typeChecked, type Reading, type TypingIO } from './actuator/typing.js';
import { resolveProfiles, type Profile } from './screen/resolve-profiles.js';
import type { Classification, Dialog, Snapshot } from './screen/types.js';
import { isKeyName } from './tmux/keys.js';
import type { Tmux } from './tmux/types.js';

/** What the actuator needs from the night. Tests hand in a scripted pane here (`nightshift/testing`). */
export interface ActuatorDeps {
  readonly tmux: Pick<Tmux, 'sendText' | 'sendKeys' | 'start'>;
  /** a fresh snapshot of the agent's pane, or undefined when the pane is gone */
  readonly look: (agent: AgentRuntime) => Promise<Snapshot | undefined>;
  /** `previous`: the look to compare with (output still streaming above the input box); default the last tick's */
  readonly classify: (snapshot: Snapshot, agent: AgentRuntime, previous?: Snapshot) => Classification;
  /** `message`: free text for an agent's prompt box (still judged for every command it contains) */
  readonly guard: (command: string, agent: AgentRuntime, kind?: 'command' | 'message') => GuardResult;
  /** the guard's verdict on what a dialog would let run (every reading of its command); null when no command */
  readonly guardDialog: (dialog: Dialog, agent: AgentRuntime) => GuardResult | null;
  /** false when the event could not be written (disk full): a send journaled first this way is then not made */
  readonly journal: (event: NewJournalEvent) => boolean | void;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly options: Config['actuator'];
  /** called for `escalate(..., { urgent: true })` */
  readonly onUrgent?: (agent: string, kind: EscalationKind, reason: string) => void;
  /** the config's `profiles:` overrides: each profile's input box and timing */
  readonly profiles?: unknown;
  /**
   * Seam for the hook channel (not built yet): true once the agent's own "prompt submitted" event for a send that
   * began at `since` has arrived. Until then a submission is verified by seeing the agent work.
   */
  readonly submitted?: (agent: AgentRuntime, since: Date) => boolean;
}

const HOUR = 3_600_000;
/** an identical refusal is journaled again only after this long */
const REPEAT_QUIET_MS = 10 * 60_000;
const VERIFY_MS = [300, 700, 1200];
const JOURNAL_FAILED =
  'the journal cannot be written (disk full?): nothing is sent that is not journaled first';
/** how long a note after a decline waits for the input box to come back */
const FOLLOW_UP_MS = 3000;

/** Actions bound to one plugin and one agent, revocable when the hook ends. */
export type BoundActions = Actions & { revoke(): void };

/** The actuator: hands out guarded `Actions` and keeps fleet-wide budgets. */
export class Actuator {
  readonly #deps: ActuatorDeps;
  #fleetTimes: number[] = [];
  /** when each distinct refusal was last journaled */
  readonly #refused = new Map<string, number>();
  /** the actuator's own last look at each agent during one action, to tell streaming output from a settled screen */
  readonly #seen = new WeakMap<AgentRuntime, Snapshot>();
  /** per agent, a first key an attempt gave up on that may still show up late (taken back before the next typing) */
  readonly #stray = new WeakMap<AgentRuntime, string>();

  constructor(deps: ActuatorDeps) {
    this.#deps = deps;
  }

  /** Actions for `plugin` acting on `agent`; they stop working after `revoke()` (hook returned or timed out). */
  actionsFor(plugin: string, agent: AgentRuntime): BoundActions {
    let revoked = false;
    const gate = async (action: ActionName, run: () => Promise<ActionOutcome>): Promise<ActionOutcome> => {
      if (revoked) return { ok: false, why: 'revoked', reason: `${plugin} acted after its hook ended` };
      return run();
    };
    return {
      revoke: () => void (revoked = true),
      answer: (dialog, o) =>
        gate('answer', () => this.#answer(plugin, agent, dialog, o?.keys ?? dialog.approve, 'answer')),
      decline: (dialog, o) =>
        gate('decline', async () => {
          const sent = await this.#answer(plugin, agent, dialog, dialog.deny, 'decline');
          // the note is part of the decline: it spends no budget of its own and meets no cooldown
          if (sent.ok && o?.note) return this.#type(plugin, agent, o.note, true, true);
          return sent;
        }),
      type: (text, o) => gate('type', () => this.#type(plugin, agent, text, o?.submit ?? false)),
      press: (...keys) => gate('press', () => this.#press(plugin, agent, keys)),
      interrupt: (reason) =>
        gate('interrupt', () => this.#press(plugin, agent, ['C-c'], reason, 'interrupt')),
      restart: (reason) => gate('restart', () => this.#restart(plugin, agent, reason)),
      waitUntil: (at, reason) =>
        gate('wait', async () => {
          agent.status.waitingUntil = at;
          this.#deps.journal({
            type: 'wait',
            agent: agent.config.name,
            plugin,
            until: at.toISOString(),
            reason,
          });
          return { ok: true, verified: true, dryRun: false };
        }),
      escalate: async (kind, reason, o) => {
        this.#deps.journal({
          type: 'escalation',
          agent: agent.config.name,
          plugin,
          kind,
          reason,
          command: o?.command,
          urgent: o?.urgent ?? false,
        });
        if (o?.urgent) this.#deps.onUrgent?.(agent.config.name, kind, reason);
        return { ok: true, verified: true, dryRun: false };
      },
      giveUp: async (reason) => {
        if (!agent.status.givenUp) {
          agent.status.givenUp = true;
          this.#deps.journal({
            type: 'agent-given-up',
            agent: agent.config.name,
            restarts: agent.status.restarts,
            plugin,
            reason,
          });
        }
        return { ok: true, verified: true, dryRun: false };
      },
      note: (text) => this.#deps.journal({ type: 'note', agent: agent.config.name, plugin, text }),
    };
  }

  /** Sends a dialog's approve or deny keys, once, to the same dialog, if the guard allows its command. */
  async #answer(
    plugin: string,
    agent: AgentRuntime,
    dialog: Dialog,
    keys: readonly Key[] | null,
    action: 'answer' | 'decline',
  ): Promise<ActionOutcome> {
    const fresh = await this.#precheck(plugin, agent, action);
    if ('why' in fresh) return fresh;
    const { snapshot } = fresh;
    const refuse = (why: RefusalWhy, reason: string, guard?: GuardResult) =>
      this.#refuse(plugin, agent, action, why, reason, snapshot.hash, guard, dialog.command ?? undefined);
    const now = this.#deps.classify(snapshot, agent);
    if (now.state !== 'confirm' || now.dialog?.signature !== dialog.signature)
      return refuse('stale', 'the dialog is no longer on screen');
    if (!keys?.length) return refuse('keys', 'the dialog has no known keys for this answer');
    let allowedBy: GuardResult['allowedBy'];
    if (action === 'answer') {
      // every reading of a wrapped command must pass, not just the likeliest one
      const verdict = this.#deps.guardDialog(dialog, agent);
      if (verdict && verdict.verdict !== 'allow')
        return refuse('guard', `${verdict.verdict}: ${verdict.reason}`, verdict);
      allowedBy = verdict?.allowedBy;
    }
    const last = agent.lastAnswer;
    if (last && last.hash === snapshot.hash)
      return {
        ok: false,
        why: 'stale',
        reason: 'this screen was already answered and has not changed since',
      };
    const budget = this.#spend(agent);
    if (budget) return refuse(budget.why, budget.reason);
    if (this.#deps.options.dryRun)
      return this.#sent(plugin, agent, action, snapshot.hash, {
        keys,
        reason: `would ${action} ${dialog.rule}`,
        dryRun: true,
        rule: dialog.rule,
        allowedBy,
      });
    if (!this.#journalFirst(plugin, agent, action, snapshot.hash, { keys }))
      return refuse('journal', JOURNAL_FAILED);
    await this.#sendKeys(agent, keys);
    agent.lastAnswer = { hash: snapshot.hash, at: this.#deps.now().getTime() };
    const verified = await this.#verify(agent, (s) => {
      const c = this.#deps.classify(s, agent);
      return c.state !== 'confirm' || c.dialog?.signature !== dialog.signature || s.hash !== snapshot.hash;
    });
    return this.#sent(plugin, agent, action, snapshot.hash, {
      keys,
      reason: `${action} ${dialog.rule}${dialog.command ? `: ${dialog.command}` : ''}`,
      dryRun: false,
      verified,
      rule: dialog.rule,
      allowedBy,
    });
  }

  /**
   * Types literal text into an agent's input box or a shell prompt, nowhere else; every line is guarded. `submit`
   * presses Enter only once the text sits alone in the input and nothing was drawn over it (see actuator/typing.ts).
   */
  async #type(
    plugin: string,
    agent: AgentRuntime,
    text: string,
    submit: boolean,
    followUp = false,
  ): Promise<ActionOutcome> {
    const fresh = followUp
      ? await this.#awaitInput(plugin, agent)
      : await this.#precheck(plugin, agent, 'type');
    if ('why' in fresh) return fresh;
    const { snapshot } = fresh;
    const refuse = (why: RefusalWhy, reason: string, guard?: GuardResult, command?: string) =>
      this.#refuse(plugin, agent, 'type', why, reason, snapshot.hash, guard, command);
    const lines = text.split(/\r?\n/).filter((l) => l.trim());
    if (!lines.length) return refuse('keys', 'nothing to type');
    const reading = this.#reading(agent, snapshot);
    const profile = this.#profile(agent, reading.classification);
    if (!reading.target)
      return refuse(
        'screen',
        `${screenName(reading.classification)}: type writes only into an agent's input box or a shell prompt`,
      );
    if (reading.target === 'box' && !profile.input.row.length)
      return refuse(
        'screen',
        `profile ${profile.name} has no input.row: nightshift cannot read back what it would type`,
      );
    // At a shell every line is a command; in an agent's input box it is a message whose commands are judged.
    const atShell = reading.target === 'shell';
    const pending = atShell ? pendingInput(snapshot) : '';
    let allowedBy: GuardResult['allowedBy'];
    for (const [i, line] of lines.entries()) {
      const whole = i === 0 && pending ? `${pending}${line}` : line;
      const verdict = this.#deps.guard(whole, agent, atShell ? 'command' : 'message');
      allowedBy ??= verdict.allowedBy;
      if (verdict.verdict !== 'allow')
        return refuse('guard', `${verdict.verdict}: ${verdict.reason}`, verdict, whole);
    }
    const { readyAfter, settle, enterGap, clear } = profile.input;
    // a cold start's wait, ended early by the program's ready sign (Codex's `← for agents` footer); a note right
    // after a decline goes to a program that has been taking keys all along
    if (!atShell && !followUp && readyAfter > 0 && !showsReady(snapshot, profile)) {
      const since = agent.status.state === 'input' ? agent.status.stateSince : null;
      const shown = since ? this.#deps.now().getTime() - since.getTime() : 0;
      if (shown < readyAfter)
        return refuse(
          'not-ready',
          `the input box has been up ${shown} ms; ${profile.name} takes input only after ${readyAfter} ms${profile.input.ready.empty ? '' : ' or once it shows its ready sign'}`,
        );
    }
    const budget = followUp ? undefined : this.#spend(agent);
    if (budget) return refuse(budget.why, budget.reason);
    if (this.#deps.options.dryRun)
      return this.#sent(plugin, agent, 'type', snapshot.hash, {
        text,
        reason: `would type "${preview(text)}"`,
        dryRun: true,
        allowedBy,
      });
    if (settle > 0) {
      await this.#deps.sleep(settle);
      const again = await this.#read(agent);
      if (!again?.target)
        return refuse(
          'screen',
          `${again ? screenName(again.classification) : 'nothing'} came up before the first key`,
        );
      if (again.snapshot.hash !== snapshot.hash)
        return refuse('not-ready', `the screen was still changing (${settle} ms settle time)`);
    }
    if (!this.#journalFirst(plugin, agent, 'type', snapshot.hash, { text }))
      return refuse('journal', JOURNAL_FAILED);
    const started = this.#deps.now();
    const paneId = agent.paneId!;
    const io: TypingIO = {
      read: () => this.#read(agent),
      sendText: (t) => this.#deps.tmux.sendText(paneId, t),
      sendKeys: (k) => this.#deps.tmux.sendKeys(paneId, k),
      sleep: this.#deps.sleep,
      ...(this.#deps.submitted && { submitted: () => this.#deps.submitted!(agent, started) }),
    };
    const stray = this.#stray.get(agent);
    const typed = await typeChecked(io, {
      text: lines.join(' '),
      submit,
      before: pending,
      timing: { enterGap: Math.max(enterGap, this.#deps.options.enterDelay), clear },
      ...(stray !== undefined && { stray }),
    });
    if (typed.done !== 'stopped') this.#stray.delete(agent);
    else if (typed.stray !== undefined) this.#stray.set(agent, typed.stray);
    switch (typed.done) {
      case 'stopped':
        return refuse(typed.why, typed.reason);
      case 'typed':
        return this.#sent(plugin, agent, 'type', snapshot.hash, {
          text,
          reason: `typed "${preview(text)}"`,
          dryRun: false,
          verified: true,
          allowedBy,
        });
      case 'submitted':
        if (typed.verified && text.trim() === agent.config.task?.trim())
          agent.status.taskSentAt = this.#deps.now();
        return this.#sent(plugin, agent, 'type', snapshot.hash, {
          text,
          reason: `submitted "${preview(text)}"${typed.enters > 1 ? ' (second Enter)' : ''}${typed.verified ? '' : ` — not verified: ${typed.reason}`}`,
          dryRun: false,
          verified: typed.verified,
          allowedBy,
        });
      case 'stuck': {
        const reason = `typed "${preview(text)}" but it stayed in the input after ${typed.enters} Enter${typed.enters > 1 ? 's' : ''}${typed.cleared ? '; cleared it' : ''}`;
        this.#sent(plugin, agent, 'type', snapshot.hash, {
          text,
          reason,
          dryRun: false,
          verified: false,
          allowedBy,
        });
        return { ok: false, why: 'verify-failed', reason };
      }
    }
  }

  /** Presses key names (never literal text); Enter at a shell prompt guards the line it would submit. */
  async #press(
    plugin: string,
    agent: AgentRuntime,
    keys: readonly Key[],
    reason = 'pressed',
    action: ActionName = 'press',
  ): Promise<ActionOutcome> {
    const fresh = await this.#precheck(plugin, agent, action);
    if ('why' in fresh) return fresh;
    const { snapshot } = fresh;
    const literal = keys.find((k) => !isKeyName(k));
    if (literal !== undefined)
      return this.#refuse(
        plugin,
        agent,
        action,
        'keys',
        `"${literal}" is not a key name; use type() for text`,
        snapshot.hash,
      );
    const reading = this.#reading(agent, snapshot);
    if (!reading.target) {
      // on a dialog, prompt or menu (or any screen not known to take input) only keys that cancel may go
      const choosing = answeringKeys(keys, reading.classification);
      if (choosing.length)
        return this.#refuse(
          plugin,
          agent,
          action,
          'screen',
          `${choosing.join(', ')} could choose or confirm on ${screenName(reading.classification)}: only answer or decline may; Escape, C-c and the dialog's deny keys may be pressed`,
          snapshot.hash,
        );
    }
    if (keys.some(submits) && reading.target) {
      const line = (reading.input ?? []).join(' ').trim();
      if (line) {
        const atShell = reading.target === 'shell';
        const verdict = this.#deps.guard(line, agent, atShell ? 'command' : 'message');
        if (verdict.verdict !== 'allow')
          return this.#refuse(
            plugin,
            agent,
            action,
            'guard',
            `${verdict.verdict}: ${verdict.reason}`,
            snapshot.hash,
            verdict,
            line,
          );
      }
    }
    const budget = this.#spend(agent);
    if (budget) return this.#refuse(plugin, agent, action, budget.why, budget.reason, snapshot.hash);
    if (this.#deps.options.dryRun)
      return this.#sent(plugin, agent, action, snapshot.hash, { keys, reason, dryRun: true });
    if (!this.#journalFirst(plugin, agent, action, snapshot.hash, { keys }))
      return this.#refuse(plugin, agent, action, 'journal', JOURNAL_FAILED, snapshot.hash);
    for (const [i, key] of keys.entries()) {
      if (i > 0 && reading.target) {
        // a key may draw a dialog: the next one is judged on the screen as it is now
        const now = await this.#read(agent);
        const choosing = now && !now.target ? answeringKeys([key], now.classification) : [];
        if (!now || choosing.length)
          return this.#refuse(
            plugin,
            agent,
            action,
            'screen',
            `${now ? screenName(now.classification) : 'nothing'} came up after ${keys.slice(0, i).join(', ')}; ${keys.slice(i).join(', ')} not pressed`,
            snapshot.hash,
          );
      }
      await this.#deps.tmux.sendKeys(agent.paneId!, [key]);
    }
    return this.#sent(plugin, agent, action, snapshot.hash, { keys, reason, dryRun: false, verified: true });
  }

  /** Starts the agent again with its resume command (falling back to command). */
  async #restart(plugin: string, agent: AgentRuntime, reason: string): Promise<ActionOutcome> {
    if (agent.status.givenUp)
      return this.#refuse(plugin, agent, 'restart', 'escalated', 'the agent was given up on tonight', '');
    if (!agent.paneId) return this.#refuse(plugin, agent, 'restart', 'dead', 'the agent has no pane', '');
    const budget = this.#spend(agent);
    if (budget) return this.#refuse(plugin, agent, 'restart', budget.why, budget.reason, '');
    const command = agent.config.resume ?? agent.config.command;
    if (this.#deps.options.dryRun)
      return this.#sent(plugin, agent, 'restart', '', {
        text: command,
        reason: `would restart: ${reason}`,
        dryRun: true,
      });
    if (!this.#journalFirst(plugin, agent, 'restart', '', { text: command }))
      return this.#refuse(plugin, agent, 'restart', 'journal', JOURNAL_FAILED, '');
    await this.#deps.tmux.start(agent.paneId, { command, cwd: agent.config.cwd, env: agent.config.env });
    agent.status.restarts += 1;
    agent.status.taskSentAt = null;
    agent.lastAnswer = undefined;
    this.#deps.journal({
      type: 'agent-restarted',
      agent: agent.config.name,
      attempt: agent.status.restarts,
      command,
      plugin,
    });
    return { ok: true, verified: true, dryRun: false };
  }

  /** Checks common to every keystroke: not given up, pane alive, not in copy mode. Returns a fresh snapshot. */
  async #precheck(
    plugin: string,
    agent: AgentRuntime,
    action: ActionName,
  ): Promise<{ snapshot: Snapshot } | (ActionOutcome & { ok: false })> {
    if (agent.status.givenUp)
      return this.#refuse(plugin, agent, action, 'escalated', 'the agent was given up on tonight', '');
    this.#seen.delete(agent);
    const snapshot = agent.paneId ? await this.#deps.look(agent) : undefined;
    if (!snapshot || snapshot.dead)
      return this.#refuse(
        plugin,
        agent,
        action,
        'dead',
        'the pane is gone or its program exited',
        snapshot?.hash ?? '',
      );
    if (snapshot.inMode)
      return this.#refuse(
        plugin,
        agent,
        action,
        'copy-mode',
        'the pane is in copy mode (someone is looking): hands off',
        snapshot.hash,
      );
    return { snapshot };
  }

  /** A fresh look at the agent's pane, read for typing; undefined when the pane is gone or in copy mode. */
  async #read(agent: AgentRuntime): Promise<Reading | undefined> {
    const s = await this.#deps.look(agent);
    return s && !s.dead && !s.inMode ? this.#reading(agent, s) : undefined;
  }

  /** Reads a snapshot for typing: where text would go, and what the input holds. */
  #reading(agent: AgentRuntime, snapshot: Snapshot): Reading {
    const classification = this.#deps.classify(snapshot, agent, this.#seen.get(agent));
    this.#seen.set(agent, snapshot);
    const profile = this.#profile(agent, classification);
    const rows = boxRows(snapshot, profile);
    // A box with text in it may no longer look idle to the classifier (its placeholder is gone), and a usage-limit
    // message stays above the box after the reset: when nothing but output or that message was recognised, the box
    // at the very bottom (nothing but a hint row or two below it) still takes text.
    const target =
      inputTarget(classification, snapshot) ??
      ((classification.state === 'output' || classification.state === 'limit') && rows ? 'box' : undefined);
    const input = target === 'shell' ? [pendingInput(snapshot)] : rows;
    return { snapshot, classification, target, input };
  }

  /** The profile the screen was classified with: the agent's own, or every profile's rules when it is detected. */
  #profile(agent: AgentRuntime, c: Classification): Profile {
    const set = resolveProfiles(this.#deps.profiles);
    const configured = agent.config.profile;
    if (configured && configured !== 'auto') return set.get(configured) ?? set.union(c.profile);
    return set.union(c.profile);
  }

  /** For a note after a decline: waits for the dialog to give way to the input box. */
  async #awaitInput(
    plugin: string,
    agent: AgentRuntime,
  ): Promise<{ snapshot: Snapshot } | (ActionOutcome & { ok: false })> {
    let previous: Snapshot | undefined;
    for (let waited = 0; ; waited += 250) {
      const fresh = await this.#precheck(plugin, agent, 'type');
      if ('why' in fresh) return fresh;
      // judged against the look before this one: the dialog going away is not output streaming in
      if (previous) this.#seen.set(agent, previous);
      if (waited >= FOLLOW_UP_MS || this.#reading(agent, fresh.snapshot).target) return fresh;
      previous = fresh.snapshot;
      await this.#deps.sleep(250);
    }
  }

  /** Counts one action against the budgets; returns why not when a budget or cooldown is exhausted. */
  #spend(agent: AgentRuntime): { why: RefusalWhy; reason: string } | undefined {
    const now = this.#deps.now().getTime();
    const { perAgentPerHour, fleetPerMinute, cooldown } = this.#deps.options;
    agent.actionTimes = agent.actionTimes.filter((t) => now - t < HOUR);
    this.#fleetTimes = this.#fleetTimes.filter((t) => now - t < 60_000);
    const last = agent.actionTimes[agent.actionTimes.length - 1];
    if (last !== undefined && now - last < cooldown)
      return {
        why: 'cooldown',
        reason: `cooldown: last action ${now - last} ms ago (minimum ${cooldown} ms)`,
      };
    if (agent.actionTimes.length >= perAgentPerHour)
      return { why: 'budget', reason: `budget: ${perAgentPerHour} actions on this agent in the last hour` };
    if (this.#fleetTimes.length >= fleetPerMinute)
      return {
        why: 'budget',
        reason: `budget: ${fleetPerMinute} actions across the fleet in the last minute`,
      };
    agent.actionTimes.push(now);
    this.#fleetTimes.push(now);
    return undefined;
  }

  /** Sends a mixed list of key names and literal text, with the Enter delay after text. */
  async #sendKeys(agent: AgentRuntime, keys: readonly Key[]): Promise<void> {
    let afterText = false;
    for (const key of keys) {
      if (isKeyName(key)) {
        if (afterText && key === 'Enter') await this.#deps.sleep(this.#deps.options.enterDelay);
        await this.#deps.tmux.sendKeys(agent.paneId!, [key]);
        afterText = false;
      } else {
        await this.#deps.tmux.sendText(agent.paneId!, key);
        afterText = true;
      }
    }
  }

  /** Journals a send before it is made; false when the journal cannot be written, and then nothing is sent. */
  #journalFirst(
    plugin: string,
    agent: AgentRuntime,
    action: ActionName,
    screenHash: string,
    what: { keys?: readonly Key[]; text?: string },
  ): boolean {
    const event = { type: 'intent', agent: agent.config.name, plugin, action, screenHash, ...what } as const;
    return this.#deps.journal(event) !== false;
  }

  /** Re-captures a few times until `done` holds; false if it never does (the report shows unverified sends). */
  async #verify(agent: AgentRuntime, done: (s: Snapshot) => boolean): Promise<boolean> {
    for (const ms of VERIFY_MS) {
      await this.#deps.sleep(ms);
      const s = await this.#deps.look(agent);
      if (!s || s.dead || done(s)) return true;
    }
    return false;
  }

  #sent(
    plugin: string,
    agent: AgentRuntime,
    action: ActionName,
    screenHash: string,
    o: {
      keys?: readonly Key[];
      text?: string;
      reason: string;
      dryRun: boolean;
      verified?: boolean;
      rule?: string;
      allowedBy?: GuardResult['allowedBy'];
    },
  ): ActionOutcome {
    this.#deps.journal({
      type: 'action',
      agent: agent.config.name,
      plugin,
      action,
      keys: o.keys,
      text: o.text,
      rule: o.rule,
      reason: o.reason,
      screenHash,
      dryRun: o.dryRun,
      verified: o.verified,
      ...(o.allowedBy ? { allowedBy: o.allowedBy } : {}),
    });
    return { ok: true, verified: o.verified ?? false, dryRun: o.dryRun };
  }

  #refuse(
    plugin: string,
    agent: AgentRuntime,
    action: ActionName,
    why: RefusalWhy,
    reason: string,
    screenHash: string,
    guard?: GuardResult,
    command?: string,
  ): ActionOutcome & { ok: false } {
    // A cooldown is a deferral, not a decision: the next tick tries again, so it is not journaled.
    // The same refusal repeated tick after tick (a spent budget, a text the guard holds) is journaled once per
    // REPEAT_QUIET_MS: the first one says it all, and a night of repeats would drown the journal.
    const key = `${agent.config.name}\0${plugin}\0${action}\0${why}\0${reason}\0${command ?? ''}`;
    const now = this.#deps.now().getTime();
    const last = this.#refused.get(key);
    const repeat = last !== undefined && now - last < REPEAT_QUIET_MS;
    if (why !== 'cooldown' && !repeat) {
      this.#refused.set(key, now);
      this.#deps.journal({
        type: 'refusal',
        agent: agent.config.name,
        plugin,
        action,
        why,
        reason,
        rule: guard?.rule,
        verdict: guard?.verdict,
        command,
        screenHash,
      });
    }
    return guard ? { ok: false, why, reason, guard } : { ok: false, why, reason };
  }
}

/** Keys that submit what the input holds. */
function submits(key: string): boolean {
  return key === 'Enter' || key === 'C-m' || key === 'C-j' || key === 'M-Enter';
}

/** The start of a typed text, for journal reasons and the report. */
function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}
