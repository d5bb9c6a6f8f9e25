import type { PaneState } from '../screen/types.js';
import type { Verdict } from '../guard/types.js';
import type { TaskRun } from '../queue/types.js';

/** Every journal line has a time and a type; the rest depends on the type. */
interface Base {
  /** ISO time the event was written */
  readonly t: string;
}

/** The night's events, one JSON object per line of `events.jsonl`. The report is built from these alone. */
export type JournalEvent =
  | (Base & {
      type: 'night-start';
      night: string;
      runDir: string;
      configHash: string;
      resumed: boolean;
      start: string;
      end: string;
      agents: readonly string[];
      dryRun: boolean;
    })
  | (Base & { type: 'night-end'; reason: 'schedule' | 'duration' | 'signal' | 'error'; detail?: string })
  | (Base & {
      type: 'agent-started';
      agent: string;
      /** the `hosts[].name` the agent runs on; absent: this machine */
      host?: string | undefined;
      paneId: string;
      command: string;
      cwd: string;
      cols: number;
      rows: number;
      adopted: boolean;
    })
  | (Base & { type: 'agent-exited'; agent: string; status?: number | undefined; detail: string })
  | (Base & { type: 'agent-restarted'; agent: string; attempt: number; command: string; plugin: string })
  | (Base & { type: 'agent-given-up'; agent: string; restarts: number; plugin: string; reason: string })
  | (Base & {
      type: 'state';
      agent: string;
      from: PaneState | null;
      to: PaneState;
      rule: string;
      hash: string;
      resetAt?: string | undefined;
    })
  | (Base & {
      type: 'finding';
      agent: string;
      plugin: string;
      kind: string;
      severity: Severity;
      summary: string;
      data?: unknown;
    })
  | (Base & {
      type: 'action';
      agent: string;
      plugin: string;
      action: ActionName;
      keys?: readonly string[];
      text?: string;
      rule?: string | undefined;
      reason: string;
      screenHash: string;
      /** how the decision reached the agent: keys on its screen, or an answer to its hook */
      channel?: Channel | undefined;
      dryRun: boolean;
      verified?: boolean;
      /** a guard exception from the config (`guard.allow`) let this through */
      allowedBy?: { rule: string; reason: string } | undefined;
      /** the shell command allowed, for an answer on the hook channel (no screen names it) */
      command?: string | undefined;
    })
  | (Base & {
      type: 'refusal';
      agent: string;
      plugin: string;
      action: ActionName;
      why: RefusalWhy;
      reason: string;
      rule?: string | null | undefined;
      verdict?: Verdict | undefined;
      command?: string | undefined;
      screenHash: string;
      channel?: Channel | undefined;
    })
  | (Base & {
      /** a plugin's `ctx.limit` window is full: its action stops until `until` (journaled once per full window) */
      type: 'limited';
      agent: string;
      plugin: string;
      key: string;
      max: number;
      perMs: number;
      until: string;
    })
  | (Base & {
      type: 'escalation';
      agent: string;
      plugin: string;
      kind: EscalationKind;
      reason: string;
      command?: string | undefined;
      urgent: boolean;
      channel?: Channel | undefined;
    })
  | (Base & { type: 'wait'; agent: string; plugin: string; until: string; reason: string })
  | (Base & { type: 'resumed'; agent: string; plugin: string; waitedMs: number })
  | (Base & {
      type: 'plugin-failure';
      plugin: string;
      hook: string;
      code: 'PLUGIN_THREW' | 'PLUGIN_TIMEOUT' | 'PLUGIN_BAD_RESULT';
      message: string;
      agent?: string | undefined;
    })
  | (Base & { type: 'plugin-disabled'; plugin: string; failures: number; firstError: string })
  | (Base & { type: 'pipe'; agent: string; file: string; offset: number })
  | (Base & {
      type: 'pipe-rearmed';
      agent: string;
      file: string;
      reason: string;
      lostFrom?: number | undefined;
    })
  | (Base & { type: 'tmux-lost'; detail: string })
  | (Base & { type: 'tmux-restored'; recreated: boolean })
  | (Base & {
      type: 'delivery';
      channel: string;
      ok: boolean;
      attempt: number;
      detail: string;
      retry?: boolean;
    })
  | (Base & { type: 'note'; agent?: string | undefined; plugin?: string | undefined; text: string })
  /** written before any key is sent: a send that could not be journaled first is not made */
  | (Base & {
      type: 'intent';
      agent: string;
      plugin: string;
      action: ActionName;
      keys?: readonly string[];
      text?: string;
      screenHash: string;
    })
  /** the disk filled up: from `t`, events waited in memory, nothing was sent and pane logs stopped growing */
  | (Base & { type: 'disk-full'; detail: string })
  /** space came back at `t`; `lost` events could not be kept in memory meanwhile */
  | (Base & { type: 'disk-recovered'; since: string; lost: number })
  | (Base & { type: 'warning'; source: string; message: string })
  /** an agent's hook channel: wired at start, live at its first event, or inactive (the screen path answers alone) */
  | (Base & {
      type: 'hook-channel';
      agent: string;
      state: 'wired' | 'active' | 'inactive' | 'off';
      reason: string;
    })
  /** an agent's hook reported a state (turn finished, waiting, session ended, a failure or a limit) */
  | (Base & { type: 'hook-event'; agent: string; event: string; kind: string; detail?: string | undefined })
  /** a queued task changed: its whole run as it is now (docs/queue.md) */
  | (Base & { type: 'task'; id: string; run: TaskRun })
  /** a host's SSH link (docs/hosts.md): connected, lost mid-night, unreachable (retried), or skipped for the night */
  | (Base & {
      type: 'host-link';
      host: string;
      state: 'connected' | 'lost' | 'unreachable' | 'skipped';
      detail: string;
    })
  /** a line of a host's own journal, replayed once the controller has it: what the node did or refused there */
  | (Base & {
      type: 'host-event';
      host: string;
      seq: number;
      at: string;
      event: string;
      paneId?: string;
      detail: string;
    });

/** How a decision reached an agent: keys on its screen, or an answer to its own hook. */
export type Channel = 'hook' | 'screen';

export type JournalEventType = JournalEvent['type'];
/** An event before the journal stamps its time. */
export type NewJournalEvent = JournalEvent extends infer E ? (E extends Base ? Omit<E, 't'> : never) : never;

export type Severity = 'info' | 'warn' | 'error' | 'critical';
export type ActionName =
  'answer' | 'decline' | 'type' | 'press' | 'interrupt' | 'restart' | 'wait' | 'escalate';
/** Why the actuator refused to send. */
export type RefusalWhy =
  | 'guard'
  | 'stale'
  | 'copy-mode'
  | 'budget'
  | 'cooldown'
  | 'dry-run'
  | 'escalated'
  | 'revoked'
  | 'dead'
  | 'keys'
  | 'verify-failed'
  /** the agent's own hook already answered this tool call: its dialog, still drawn, is on its way out */
  | 'hook'
  /** the screen does not take this key: not an input box or shell prompt for `type`, a dialog, prompt or menu for a
   * key that could choose or confirm (`press`), or a dialog drawn while typing (before Enter) */
  | 'screen'
  /** the input is not ready yet: still changing, just drawn (before the profile's `readyAfter`), or not taking keys */
  | 'not-ready'
  /** the journal could not be written (disk full): nothing is sent that is not journaled first */
  | 'journal';
/** What a person is asked to do in the morning. */
export type EscalationKind =
  'blocked-command' | 'held-command' | 'secret' | 'given-up' | 'credit' | 'plugin' | 'stuck' | 'other';
