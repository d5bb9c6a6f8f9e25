// Typing text into an agent's input box or a shell prompt, nowhere else, every line guarded.
import type { GuardResult } from '../guard/types.js';
import type { RefusalWhy } from '../journal/events.js';
import type { ActionOutcome } from '../plugin/types.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import type { ActuatorParts } from './parts.js';
import { pendingInput, showsReady } from './input-box.js';
import { screenName } from './input-target.js';
import { JOURNAL_FAILED, preview } from './records.js';
import { typeChecked, type TypingIO } from './typing.js';

/**
 * Per agent, text of nightshift's own that an attempt gave up on and could not clear, which may still show up late (a
 * first key, or a whole text a loaded program lays out late): taken back before the next typing. After `STRAY_MS` it
 * is taken as lost (text that shows up later still finds the input not empty).
 */
const strays = new WeakMap<AgentRuntime, { key: string; at: number }>();
const STRAY_MS = 120_000;
/** how long a note after a decline waits for the screen to hold still */
const FOLLOW_UP_SETTLE_MS = 10_000;

/**
 * Types literal text into an agent's input box or a shell prompt, nowhere else; every line is guarded. `submit`
 * presses Enter only once the text sits alone in the input and nothing was drawn over it (see typing.ts).
 * `followUp`: a note right after a decline (waits for the input box; spends no budget of its own).
 */
export async function typeText(
  { deps, budgets, records, checks }: ActuatorParts,
  plugin: string,
  agent: AgentRuntime,
  text: string,
  submit: boolean,
  followUp = false,
): Promise<ActionOutcome> {
  const fresh = followUp
    ? await checks.awaitInput(plugin, agent)
    : await checks.precheck(plugin, agent, 'type');
  if ('why' in fresh) return fresh;
  let { snapshot } = fresh;
  const refuse = (why: RefusalWhy, reason: string, guard?: GuardResult, command?: string) =>
    records.refuse(plugin, agent, 'type', why, reason, snapshot.hash, guard, command);
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (!lines.length) return refuse('keys', 'nothing to type');
  const reading = checks.reading(agent, snapshot);
  const profile = checks.profile(agent, reading.classification);
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
    const verdict = deps.guard(whole, agent, atShell ? 'command' : 'message');
    allowedBy ??= verdict.allowedBy;
    if (verdict.verdict !== 'allow')
      return refuse('guard', `${verdict.verdict}: ${verdict.reason}`, verdict, whole);
  }
  const { readyAfter, settle, enterGap, clear } = profile.input;
  // a cold start's wait, ended early by the program's ready sign (Codex's `← for agents` footer); a note right
  // after a decline goes to a program that has been taking keys all along
  if (!atShell && !followUp && readyAfter > 0 && !showsReady(snapshot, profile)) {
    const since = agent.status.state === 'input' ? agent.status.stateSince : null;
    const shown = since ? deps.now().getTime() - since.getTime() : 0;
    if (shown < readyAfter)
      return refuse(
        'not-ready',
        `the input box has been up ${shown} ms; ${profile.name} takes input only after ${readyAfter} ms${profile.input.ready.empty ? '' : ' or once it shows its ready sign'}`,
      );
  }
  const budget = followUp ? undefined : budgets.spend(agent);
  if (budget) return refuse(budget.why, budget.reason);
  if (deps.options.dryRun)
    return records.sent(plugin, agent, 'type', snapshot.hash, {
      text,
      reason: `would type "${preview(text)}"`,
      dryRun: true,
      allowedBy,
    });
  // the screen must hold still for the settle time; a note after a decline waits for that (the agent redraws as the
  // dialog goes: giving up would leave the decline without its reason, and the next nudge would speak instead)
  for (let waited = 0; settle > 0; waited += settle) {
    await deps.sleep(settle);
    const again = await checks.read(agent);
    if (!again?.target)
      return refuse(
        'screen',
        `${again ? screenName(again.classification) : 'nothing'} came up before the first key`,
      );
    if (again.snapshot.hash === snapshot.hash) break;
    if (!followUp || waited + settle >= FOLLOW_UP_SETTLE_MS)
      return refuse('not-ready', `the screen was still changing (${settle} ms settle time)`);
    snapshot = again.snapshot;
  }
  if (!records.journalFirst(plugin, agent, 'type', snapshot.hash, { text }))
    return refuse('journal', JOURNAL_FAILED);
  const started = deps.now();
  const paneId = agent.paneId!;
  const io: TypingIO = {
    read: () => checks.read(agent),
    sendText: (t) => deps.tmux.sendText(paneId, t),
    sendKeys: (k) => deps.tmux.sendKeys(paneId, k),
    sleep: deps.sleep,
    ...(deps.submitted && { submitted: () => deps.submitted!(agent, started) }),
  };
  const sentBefore = strays.get(agent);
  const stray = sentBefore && deps.now().getTime() - sentBefore.at < STRAY_MS ? sentBefore.key : undefined;
  const typed = await typeChecked(io, {
    text: lines.join(' '),
    submit,
    before: pending,
    timing: { enterGap: Math.max(enterGap, deps.options.enterDelay), clear },
    ...(stray !== undefined && { stray }),
  });
  if (typed.stray !== undefined) {
    if (typed.stray !== stray) strays.set(agent, { key: typed.stray, at: deps.now().getTime() });
  } else if (typed.done !== 'stopped' || typed.tookBack !== undefined) strays.delete(agent);
  // the journal says when nightshift first took its own unsent text back out of the input
  const tookBack =
    typed.tookBack === undefined ? '' : ` (first took back its own unsent "${preview(typed.tookBack)}")`;
  switch (typed.done) {
    case 'stopped':
      return refuse(typed.why, `${typed.reason}${tookBack}`);
    case 'typed':
      return records.sent(plugin, agent, 'type', snapshot.hash, {
        text,
        reason: `typed "${preview(text)}"${tookBack}`,
        dryRun: false,
        verified: true,
        allowedBy,
      });
    case 'submitted':
      if (typed.verified && text.trim() === agent.config.task?.trim()) agent.status.taskSentAt = deps.now();
      return records.sent(plugin, agent, 'type', snapshot.hash, {
        text,
        reason: `submitted "${preview(text)}"${typed.enters > 1 ? ' (second Enter)' : ''}${tookBack}${typed.verified ? '' : ` — not verified: ${typed.reason}`}`,
        dryRun: false,
        verified: typed.verified,
        allowedBy,
      });
    case 'stuck': {
      const reason = `typed "${preview(text)}"${tookBack} but it stayed in the input after ${typed.enters} Enter${typed.enters > 1 ? 's' : ''}${typed.cleared ? '; cleared it' : ''}`;
      records.sent(plugin, agent, 'type', snapshot.hash, {
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
