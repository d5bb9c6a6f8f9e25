import { describe, expect, it } from 'vitest';
import prompt from '../../plugins/checks/prompt.js';
import parked, { parkMove } from '../../plugins/rescues/parked.js';
import { classify, snapshotFromText, type QuestionMenu } from '../../core/index.js';
import { drawnBy, PaneTester, type Screen } from '../../core/testing/index.js';
import {
  capturedWithCursor,
  confirmSeenOn,
  inputBox,
  permission,
  working,
} from '../fixtures/screens/index.js';

// The real `prompt` check reads the question menu or the dialog; `parked` acts once it has waited `after`.
// The question-menu screens are real Claude Code 2.1.197 captures with the cursor tmux reported: Down moves the
// highlight, on "3. Type something." the row becomes a text field (cursor in it), typed text replaces the placeholder.
const claude = { profile: 'claude-code' };
const menu = (name: string) => capturedWithCursor(`question-menu/${name}`);
const first = menu('first-choice-highlighted');
const second = menu('second-choice-highlighted');
const open = menu('free-text-field-open');
const ANSWER =
  "Nobody can answer until morning. Don't wait: choose the option that is safest and easiest to undo, note the choice and why in the coordination file, and carry on.";
const DECLINE =
  'That needs a person. Leave it for the morning: note it in the coordination file, and go on with the rest of your work.';
const answered = working('Choosing', ['● User answered Claude’s questions:']);
const forcePush = permission('git push --force origin main');
const declined = inputBox(['⏺ Bash(git push --force origin main)', '  ⎿  Interrupted by user', '']);
const afterNote = working('Noting it', ['> That needs a person.']);
/** The screen after the "No" with another hint row under the box (the agent still redrawing). */
const redrawn = (hint: string): Screen => ({
  ...declined,
  text: declined.text.replace('? for shortcuts', hint),
});
/** The question menu the classifier reads on a screen. */
function questionOf(shown: Screen): QuestionMenu {
  const lines = shown.text.split('\n');
  const snap = snapshotFromText(shown.text, {
    cursor_x: shown.cursor?.x ?? 0,
    cursor_y: shown.cursor?.y ?? lines.length - 1,
    pane_width: 80,
  });
  const q = classify(snap, { profile: 'claude-code' }).question;
  if (!q) throw new Error('no question menu on screen');
  return q;
}
const signatureOf = (shown: Screen) => {
  const seen = confirmSeenOn(shown);
  return seen.kind === 'confirm' ? seen.data.dialog.signature : '';
};
const otherQuestion = { ...first, text: first.text.replace('Which database', 'Which queue') };
// ticks of 2 s: 8 ticks reach 15 s
const waited = { options: { after: '10s' }, ticks: 8 };

new PaneTester({ describe, it, checks: [prompt] }).run(parked, [
  {
    name: 'a question menu that has not waited `after` is left alone (the escalate rescue lists it)',
    agent: claude,
    screens: [first],
    ticks: 3,
    options: { after: '15m' },
    expect: { sent: [], refused: [], escalated: [] },
  },
  {
    name: "after `after`, the menu's own free-text choice gets the answer: Down to it, the field opens, type, Enter",
    agent: claude,
    screens: [first, second, open, answered],
    ...waited,
    expect: { sent: ['Down', 'Down', ANSWER, 'Enter'], refused: [] },
  },
  {
    name: 'an answer of your own',
    agent: claude,
    screens: [first, second, open, answered],
    ticks: 8,
    options: { after: '10s', answer: 'Take SQLite; note why in COORDINATION.md.' },
    expect: { sent: ['Down', 'Down', 'Take SQLite; note why in COORDINATION.md.', 'Enter'] },
  },
  {
    name: 'after: never types nothing, all night',
    agent: claude,
    screens: [first],
    ticks: 12,
    tickMs: 600_000,
    options: { after: 'never' },
    expect: { sent: [], refused: [] },
  },
  {
    name: 'the highlight lands on the free-text choice but no text field opens: no text is typed, Enter is not pressed',
    agent: claude,
    // the third screen shows choice 3 highlighted with the cursor at the left edge: a plain choice, not a field
    screens: [first, second, { ...open, cursor: { x: 0, y: 18 } }],
    ...waited,
    expect: { sent: ['Down', 'Down'], refused: [/^screen: choice 3 did not open a text field/] },
  },
  {
    name: 'screen changes before the send: the question gives way to another one drawn after the look, nothing sent',
    agent: claude,
    finding: { kind: 'input', summary: 'agent asks: which database', data: { question: null, idleMs: 0 } },
    // the park began 20 minutes ago (as an earlier tick left the state)
    state: { key: `question\n${questionOf(first).signature}`, since: '2026-11-21T00:40:00Z', done: [] },
    screens: [first, drawnBy('look', otherQuestion)],
    expect: { sent: [], refused: ['stale: the question is no longer on screen'] },
  },
  {
    name: 'screen changes before the send: the held dialog gives way to a question, nothing sent',
    agent: claude,
    finding: confirmSeenOn(forcePush),
    state: { key: `confirm\n${signatureOf(forcePush)}`, since: '2026-11-21T00:40:00Z', done: [] },
    screens: [forcePush, drawnBy('look', first)],
    expect: { sent: [], refused: ['stale: the dialog is no longer on screen'] },
  },
  {
    name: 'never twice for the same question: Enter that changes nothing is not followed by a second answer',
    agent: claude,
    screens: [first, second, open, first],
    ticks: 14,
    options: { after: '10s' },
    expect: { sent: ['Down', 'Down', ANSWER, 'Enter'] },
  },
  {
    name: 'an answer the guard refuses is never typed',
    agent: claude,
    screens: [first],
    ...waited,
    options: { after: '10s', answer: 'Run rm -rf ~ and then carry on.' },
    expect: { sent: [], refused: [/^guard: /], escalated: ['other'] },
  },
  {
    name: 'a blocked force push waiting `after` is refused with the agent\'s own "No", then told `decline`',
    agent: claude,
    screens: [forcePush, declined, afterNote],
    ...waited,
    expect: { sent: ['Escape', DECLINE, 'Enter'], refused: [] },
  },
  {
    // real Claude Code at load 15: the screen still redrew for a while after the "No", and the note gave up after
    // one settle time; the next nudge then spoke instead of the decline's reason
    name: 'the note after the "No" waits for a screen that keeps redrawing after the dialog went, then goes in',
    agent: claude,
    screens: [
      forcePush,
      redrawn('esc to undo'),
      drawnBy('look', redrawn('? for shortcuts · ⏵⏵ accept edits')),
      drawnBy('look', redrawn('esc to undo')),
      drawnBy('look', declined),
      afterNote,
    ],
    ...waited,
    expect: { sent: ['Escape', DECLINE, 'Enter'], refused: [] },
  },
  {
    name: 'a blocked force push that has not waited `after` is left to `dangerous` and `escalate`',
    agent: claude,
    screens: [forcePush],
    ticks: 4,
    options: { after: '15m' },
    expect: { sent: [], escalated: [] },
  },
  {
    name: 'a blocked force push with after: never is never refused by this plugin',
    agent: claude,
    screens: [forcePush],
    ticks: 10,
    tickMs: 600_000,
    options: { after: 'never' },
    expect: { sent: [] },
  },
  {
    name: 'a safe dialog is not a park',
    agent: claude,
    screens: [permission('npm test')],
    ...waited,
    expect: { sent: [] },
  },
]);

describe('parkMove (the policy, shared with the hook channel)', () => {
  const policy = { after: 60_000, answer: 'A', decline: 'D' } as const;
  it.each([
    [
      'question, not yet',
      { kind: 'question', waitedMs: 10_000, freeText: true },
      { do: 'wait', forMs: 50_000 },
    ],
    [
      'question with a free-text choice',
      { kind: 'question', waitedMs: 60_000, freeText: true },
      { do: 'answer', text: 'A' },
    ],
    ['question without one', { kind: 'question', waitedMs: 60_000, freeText: false }, { do: 'escalate' }],
    ['held command', { kind: 'held-command', waitedMs: 61_000 }, { do: 'decline', message: 'D' }],
    [
      'blocked command on screen, not yet',
      { kind: 'blocked-command', waitedMs: 0 },
      { do: 'wait', forMs: 60_000 },
    ],
    [
      'blocked command through the hook: at once',
      { kind: 'blocked-command', waitedMs: 0, channel: 'hook' },
      { do: 'decline', message: 'D' },
    ],
    [
      'held command through the hook waits `after`',
      { kind: 'held-command', waitedMs: 0, channel: 'hook' },
      { do: 'wait', forMs: 60_000 },
    ],
  ] as const)('%s', (_name, park, move) => {
    expect(parkMove(policy, park)).toEqual(move);
  });
  it('after: never waits for ever, except a blocked command through the hook', () => {
    const never = { ...policy, after: 'never' } as const;
    expect(parkMove(never, { kind: 'question', waitedMs: 9e9, freeText: true })).toEqual({
      do: 'wait',
      forMs: null,
    });
    expect(parkMove(never, { kind: 'blocked-command', waitedMs: 0, channel: 'hook' })).toEqual({
      do: 'decline',
      message: 'D',
    });
  });
});
