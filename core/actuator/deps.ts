// What the actuator needs from the night.
import type { Config } from '../../config/schema.js';
import type { GuardResult } from '../guard/types.js';
import type { EscalationKind, NewJournalEvent } from '../journal/events.js';
import type { Classification, Dialog, Snapshot } from '../screen/types.js';
import type { Tmux } from '../tmux/types.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';

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
