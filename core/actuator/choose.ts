// Choosing a menu option with arrows: the arrows go first, and the key that confirms only once a fresh look shows the
// highlight on the option the keys were worked out for. A menu drawn before it takes keys loses an arrow, and the
// Enter after it then picks whatever is highlighted: "Yes, and use auto mode" instead of "Yes, manually approve edits"
// (real Claude Code's plan approval under load).
import type { Key } from '../plugin/types.js';
import type { Dialog } from '../screen/types.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import type { ActuatorDeps } from './deps.js';
import { sendKeys } from './send.js';

const ARROWS = new Set<Key>(['Up', 'Down']);
/** waits between the looks that check the highlight moved */
const SETTLE_MS = [100, 250, 500, 1000];

/** What `sendChoice` sent, and whether the choice was confirmed. */
export interface ChoiceSent {
  readonly sent: readonly Key[];
  readonly chosen: boolean;
}

/**
 * Sends a dialog's keys. When they are the profile's arrows and a confirming key, each arrow is sent on its own and
 * followed by looks until the same dialog shows the highlight one step on; the confirming key goes only once the
 * highlight is on the target, and is never pressed otherwise.
 */
export async function sendChoice(
  deps: Pick<ActuatorDeps, 'tmux' | 'sleep' | 'options' | 'look' | 'classify'>,
  agent: AgentRuntime,
  dialog: Dialog,
  keys: readonly Key[],
  action: 'answer' | 'decline',
): Promise<ChoiceSent> {
  const arrows = keys.slice(0, -1);
  const confirm = keys.at(-1)!;
  const planned = action === 'answer' ? dialog.approve : dialog.deny;
  if (arrows.length === 0 || !arrows.every((k) => ARROWS.has(k)) || !sameKeys(keys, planned)) {
    await sendKeys(deps, agent, keys);
    return { sent: keys, chosen: true };
  }
  for (let i = 0; i < arrows.length; i++) {
    await sendKeys(deps, agent, [arrows[i]!]);
    if (!(await highlightSeen(deps, agent, dialog, action, keys.slice(i + 1))))
      return { sent: keys.slice(0, i + 1), chosen: false };
  }
  await sendKeys(deps, agent, [confirm]);
  return { sent: keys, chosen: true };
}

/** Looks until the same dialog's keys for `action` are `left`: the arrows sent so far moved the highlight as planned. */
async function highlightSeen(
  deps: Pick<ActuatorDeps, 'sleep' | 'look' | 'classify'>,
  agent: AgentRuntime,
  dialog: Dialog,
  action: 'answer' | 'decline',
  left: readonly Key[],
): Promise<boolean> {
  for (const ms of SETTLE_MS) {
    await deps.sleep(ms);
    const s = await deps.look(agent);
    if (!s || s.dead || s.inMode) return false;
    const now = deps.classify(s, agent);
    if (now.state !== 'confirm' || !now.dialog || !sameDialog(now.dialog, dialog)) return false;
    if (sameKeys(action === 'answer' ? now.dialog.approve : now.dialog.deny, left)) return true;
  }
  return false;
}

function sameKeys(a: readonly Key[] | null, b: readonly Key[] | null): boolean {
  return !!a && !!b && a.length === b.length && a.every((k, i) => k === b[i]);
}

/** The same dialog, wherever its highlight is (the signature marks the highlighted option with `>`). */
function sameDialog(a: Dialog, b: Dialog): boolean {
  const unmarked = (d: Dialog) => d.signature.replace(/^>/gm, ' ');
  return a.rule === b.rule && a.command === b.command && unmarked(a) === unmarked(b);
}
