// Typing into an input and submitting it, one checked step at a time:
//   1. one character first: it must show up in the input (an empty one), or a dialog it drew gets nothing more;
//   2. the rest, then the profile's gap, then a settled reading: the text exactly in the input, nothing else on top;
//   3. Enter only right after that reading; then the text must leave the input and the agent be seen working;
//   4. a second Enter only after the same checks again; text left behind is cleared where that is safe.
// Text of its own that nightshift could not clear (a program that lays it out late, under load) is named as a stray:
// the next attempt waits for it to land and takes it back, so its own unsent text never blocks the input for good.
// Every stop is a value saying how far it got, so the actuator can journal what reached the pane.
import type { InputShape } from '../screen/resolve-profiles.js';
import type { Classification, Snapshot } from '../screen/types.js';
import { boxContent, holdsExactly, leftBox } from './input-box.js';
import { screenName, type InputTarget } from './input-target.js';

/** One look at the pane, read for typing. */
export interface Reading {
  readonly snapshot: Snapshot;
  readonly classification: Classification;
  /** where text would go now, or undefined when the screen takes no text */
  readonly target: InputTarget | undefined;
  /** the input's text rows (the box, or the shell line after its prompt); undefined when none is on screen */
  readonly input: readonly string[] | undefined;
}

/** What typing needs from the actuator. */
export interface TypingIO {
  /** a fresh reading, or undefined when the pane is gone */
  read(): Promise<Reading | undefined>;
  sendText(text: string): Promise<void>;
  sendKeys(keys: readonly string[]): Promise<void>;
  sleep(ms: number): Promise<void>;
  /**
   * The hook channel's seam: true once the agent itself reported the prompt as submitted (Claude Code's
   * UserPromptSubmit and the like). Until that channel exists, a busy screen is the only proof.
   */
  submitted?(): boolean;
}

/** What to type. */
export interface TypingPlan {
  readonly text: string;
  readonly submit: boolean;
  /** what the input held before (a shell line's pending text, guarded with the text); '' for an agent's box */
  readonly before: string;
  readonly timing: Pick<InputShape, 'enterGap' | 'clear'>;
  /**
   * Text an earlier attempt typed that had not (all) shown when it gave up: a first key (a program still starting
   * takes keys late) or the whole text (a program that lays out a long text late, under load). While the input holds
   * only a part of it (or nothing) nothing is typed (keys would pile up behind it); when the input holds exactly that
   * text and nothing else, it is taken back before typing.
   */
  readonly stray?: string;
}

/** How typing ended, and what of nightshift's own text it left behind or took back, for the journal. */
export type Typed = (
  | {
      readonly done: 'stopped';
      readonly why: 'screen' | 'not-ready';
      readonly reason: string;
    }
  | { readonly done: 'typed' }
  | {
      readonly done: 'submitted';
      readonly verified: boolean;
      readonly enters: number;
      readonly reason: string;
    }
  | { readonly done: 'stuck'; readonly enters: number; readonly cleared: boolean }
) & {
  /** text typed that may still show up later, not cleared (see `TypingPlan.stray`) */
  readonly stray?: string;
  /** an earlier attempt's stray, found alone in the input and taken back before this typing */
  readonly tookBack?: string;
};

const POLL_MS = 100;
/** the rule of a blank screen */
const BLANK = /\.blank$/;
/** the rule of an idle box under rows that changed since the last look */
const STREAMING = /\.busy\.streaming$/;
/** how long a typed character may take to show */
const ECHO_MS = 3000;
/** a last look for a first key that showed up after ECHO_MS */
const LATE_ECHO_MS = 1000;
/** how long the typed text may take to show and settle */
const SETTLE_MS = 4000;
/** how long nightshift's own text, still landing when typing stopped, may take to show before it is cleared */
const LAND_MS = 10_000;
/** the looks after Enter: the agent must be seen working within these */
const VERIFY_MS = [150, 250, 350, 500, 700, 1000, 1500];

/** Types `plan.text` into the input the last reading showed, and submits it when asked. */
export async function typeChecked(io: TypingIO, plan: TypingPlan): Promise<Typed> {
  const { text, before } = plan;
  const first = text.slice(0, 1);
  if (before === '') {
    // an agent's input must be empty: a key typed onto text nobody sent would submit both
    let now = await io.read();
    if (!now?.target) return stop('screen', 'the input went away before the first key');
    const { stray } = plan;
    const held = boxContent(now.input);
    // text typed earlier that has not (all) shown yet is still on its way: more would pile up behind it (a whole
    // text that shows nothing at all is not taken as on its way: only a first key is typed alone)
    const landing = held ? boxContent([stray ?? '']).startsWith(held) : [...(stray ?? '')].length === 1;
    if (stray && held !== boxContent([stray]) && landing)
      return {
        ...stop(
          'not-ready',
          `text typed earlier ("${short(stray)}") has not ${held ? 'all ' : ''}shown in the input yet; nothing more is typed until it does`,
        ),
        stray,
      };
    if (stray && held === boxContent([stray])) {
      // nightshift's own text from an attempt that gave up, shown late: take it back, and only it
      await io.sendKeys(clearKeys(plan, stray));
      const empty = await until(io, LAND_MS, (r) => boxContent(r.input) === '');
      if (!empty.ok)
        return stop(
          'screen',
          `text typed earlier ("${short(stray)}") could not be taken back from the input`,
        );
      now = empty.last;
      const typed = await typeChecked(io, { ...plan, stray: undefined } as TypingPlan);
      return { ...typed, tookBack: stray };
    }
    if (held !== '')
      return stop(
        'screen',
        'the input holds text that was never sent; nightshift types only into an empty input',
      );
  }
  await io.sendText(first);
  const echoed = await until(io, ECHO_MS, (r) => holdsExactly(r.input, before + first));
  if (!echoed.ok) {
    const r = echoed.last;
    if (!r) return stop('not-ready', 'the pane went away after the first key');
    if (!r.target)
      return {
        ...stop(
          'screen',
          `${screenName(r.classification)} came up after the first key; nothing more was sent`,
        ),
        // the key may still land in the input once that screen is gone (Gemini restarting after the trust dialog)
        ...(before === '' && { stray: first }),
      };
    if (boxContent(r.input).endsWith(first) && boxContent(r.input) !== before + first) {
      // the key landed behind text nobody sent: take the key back, leave the text alone
      await io.sendKeys(['BSpace']);
      return stop(
        'screen',
        'the input holds text that was never sent; nightshift types only into an empty input',
      );
    }
    // a key that shows up late is taken back, so the next attempt finds an empty input again
    await io.sleep(LATE_ECHO_MS);
    const late = await io.read();
    if (late?.target && holdsExactly(late.input, before + first)) {
      await io.sendKeys(['BSpace']);
      return stop('not-ready', `the input did not take a key within ${ECHO_MS} ms (not ready yet)`);
    }
    return {
      ...stop('not-ready', `the input did not take a key within ${ECHO_MS} ms (not ready yet)`),
      ...(before === '' && { stray: first }),
    };
  }
  if (text.length > 1) await io.sendText(text.slice(1));
  await io.sleep(plan.timing.enterGap);
  const ready = await settled(io, before + text);
  if (!ready.ok) return stopTyping(io, plan, ready.last, 'after the text was typed');
  if (!plan.submit) return { done: 'typed' };

  let enters = 0;
  let reading = ready.last;
  for (;;) {
    // the reading just taken is the check right before Enter
    await io.sendKeys(['Enter']);
    enters++;
    const outcome = await verify(io, plan, reading);
    if (outcome.left)
      return {
        done: 'submitted',
        verified: outcome.verified,
        enters,
        reason: outcome.verified ? '' : 'the text left the input but the agent was never seen working',
      };
    if (enters === 2) break;
    // the Enter may have been swallowed: a second one only on the same checks as the first
    const again = await settled(io, before + text);
    if (!again.ok) return stopTyping(io, plan, again.last, 'after the first Enter');
    reading = again.last;
  }
  return { done: 'stuck', enters, cleared: await clear(io, plan, reading) };
}

/** Stops before Enter: clears the text where that is safe (it sits alone in the input), presses nothing else. */
async function stopTyping(
  io: TypingIO,
  plan: TypingPlan,
  r: Reading | undefined,
  when: string,
): Promise<Typed> {
  if (!r) return stop('not-ready', `the pane went away ${when}`);
  if (!r.target)
    return {
      ...stop('screen', `${screenName(r.classification)} came up ${when}; Enter was not pressed`),
      ...strayOf(plan),
    };
  const whole = squashed(plan.before + plan.text);
  let last: Reading | undefined = r;
  if (boxContent(r.input) !== whole && whole.startsWith(boxContent(r.input))) {
    // the program is still laying out what was typed (a loaded machine): let it land, then take it back
    const landed = await until(io, LAND_MS, (x) => holdsExactly(x.input, plan.before + plan.text));
    last = landed.last;
  }
  const cleared = await clear(io, plan, last);
  // the clearing keys may land late too: wait for an empty input, or leave it to the next attempt
  const after = cleared ? await until(io, LAND_MS, (x) => boxContent(x.input) === '') : undefined;
  if (after) last = after.last;
  const left = boxContent(last?.input);
  // what shows of it (all or a part) is taken back by the next attempt once it has all landed
  const stray = left !== '' && whole.startsWith(left) ? strayOf(plan) : {};
  const how = stray.stray
    ? `${cleared ? '; it was being cleared' : ''}; the next attempt takes the text back once it has all shown`
    : cleared
      ? ' and the text was cleared'
      : '';
  return {
    ...stop('screen', `the input did not show exactly the text ${when}; Enter was not pressed${how}`),
    ...stray,
  };
}

/** The text this typing leaves behind as a stray (an agent's box only: a shell line is never taken back). */
function strayOf(plan: TypingPlan): { stray?: string } {
  return plan.before === '' ? { stray: plan.text } : {};
}

/** The keys that take `text` back out of the input: the profile's clear keys, or one Backspace a character. */
function clearKeys(plan: TypingPlan, text: string): readonly string[] {
  const { clear: keys } = plan.timing;
  return keys === 'backspace' ? Array.from({ length: [...text].length }, () => 'BSpace') : keys;
}

function squashed(text: string): string {
  return boxContent([text]);
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Empties the input of what nightshift typed, only while it shows exactly that text and takes keys. */
async function clear(io: TypingIO, plan: TypingPlan, seen: Reading | undefined): Promise<boolean> {
  const r = (await io.read()) ?? seen;
  if (!r?.target || !holdsExactly(r.input, plan.before + plan.text)) return false;
  await io.sendKeys(clearKeys(plan, plan.text));
  return true;
}

/** After Enter: did the text leave the input, and was the agent seen working (or did its hook say so)? */
async function verify(
  io: TypingIO,
  plan: TypingPlan,
  sent: Reading,
): Promise<{ left: boolean; verified: boolean }> {
  const whole = plan.before + plan.text;
  let left = false;
  let working = false;
  /** a look after Enter still showed the text in the box */
  let stayed = false;
  for (const ms of VERIFY_MS) {
    await io.sleep(ms);
    const r = await io.read();
    if (!r) return { left: true, verified: false };
    if (sent.target === 'shell') {
      // a shell runs the line: its prompt row moves on
      if (leftBox(r.input, whole) || r.snapshot.currentCommand !== sent.snapshot.currentCommand)
        return { left: true, verified: true };
      continue;
    }
    const gone = leftBox(r.input, whole);
    stayed ||= !gone;
    left ||= gone;
    // working, or already asking (a permission dialog or a question for the person in place of the box right after
    // Enter: the model took the text and answered with a tool call before a busy screen was seen; real Claude Code at
    // load 10). Not when the text was seen still in the box first: that dialog may not be an answer to it.
    const asking = r.classification.state === 'confirm' || r.classification.state === 'question';
    working ||=
      r.classification.state === 'busy' || (gone && asking && !stayed) || (io.submitted?.() ?? false);
    if (left && working) return { left, verified: true };
  }
  return { left, verified: false };
}

/** Looks until the input holds exactly `text` on two identical readings in a row. */
async function settled(io: TypingIO, text: string) {
  let previous: string | undefined;
  return until(io, SETTLE_MS, (r) => {
    const same = previous === r.snapshot.hash;
    previous = r.snapshot.hash;
    return same && holdsExactly(r.input, text);
  });
}

/** Reads every POLL_MS until `done` or a screen that takes no text; gives up after `ms`. */
async function until(
  io: TypingIO,
  ms: number,
  done: (r: Reading) => boolean,
): Promise<{ ok: true; last: Reading } | { ok: false; last: Reading | undefined }> {
  let last: Reading | undefined;
  for (let waited = 0; waited <= ms; waited += POLL_MS) {
    if (waited > 0) await io.sleep(POLL_MS);
    last = await io.read();
    // a blank screen is a program in the middle of a redraw: look again
    if (last && !last.target && BLANK.test(last.classification.rule)) continue;
    // rows above the box that changed with our key (Codex drops its welcome art at the first key) read as output
    // streaming in; the box is still there, nothing else was drawn: judge it by what the box holds
    const echoing = last && !last.target && STREAMING.test(last.classification.rule) && last.input;
    if (!last || (!last.target && !echoing)) return { ok: false, last };
    if (done(last)) return { ok: true, last };
  }
  return { ok: false, last };
}

function stop(why: 'screen' | 'not-ready', reason: string): Extract<Typed, { done: 'stopped' }> {
  return { done: 'stopped', why, reason };
}
