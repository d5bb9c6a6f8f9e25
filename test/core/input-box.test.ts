// Reading an agent's input box back (core/actuator/input-box.ts): what the actuator checks before Enter, on screens
// shaped like the real CLIs' (corpus: input__claude-code__2, input__codex__1, input__gemini__1).
import { describe, expect, it } from 'vitest';
import { boxRows, holdsExactly, leftBox } from '../../core/actuator/input-box.js';
import { resolveProfiles } from '../../core/screen/resolve-profiles.js';
import { snapshotOf } from '../helpers/fixtures.js';

const W = 60;
const claudeBox = (rows: string[]) => [
  '⏺ Done with the first task.',
  '',
  `╭${'─'.repeat(W)}╮`,
  ...rows.map((r) => `│ ${r.padEnd(W - 2)} │`),
  `╰${'─'.repeat(W)}╯`,
  '  ? for shortcuts',
];
const codexComposer = (text: string) => [
  '• Ran cargo test -p billing',
  '─ Worked for 2m 51s ─────────────────',
  `› ${text}`,
  '  ? for shortcuts                 69% context left',
];
/** Codex 0.171 at 80x24 after its first turn, as captured: the status line's thread title wraps onto a row of its own */
const codexNarrow = (text: string) => [
  '› Please do the next task in TASKS.md.',
  '',
  '• Working on it.',
  '',
  '  Worked for 5s • 01:15',
  '',
  `› ${text}`,
  '',
  '  gpt-fake default · /root/.cache/nightshift/tmp/ns-bench-gX7Lm5/project · Bench',
  '  task',
  '                                                       ⚠ 1 warning · f2 to view',
];
const geminiBox = (text: string) => [
  '✦ Done. `npm test` now runs vitest.',
  `╭${'─'.repeat(W)}╮`,
  `│ ${`> ${text}`.padEnd(W - 2)} │`,
  `╰${'─'.repeat(W)}╯`,
  '~/src/webapp (main*)     no sandbox (see /docs)    gemini-2.5-pro (84% context left)',
];
const rows = (profile: string, lines: string[]) =>
  boxRows(snapshotOf(lines.join('\n')), resolveProfiles().get(profile)!);
const TASK = 'Work through TASKS.md and append a status entry to COORDINATION.md after each task';

describe('the input box, read back', () => {
  it.each([
    ['claude-code', claudeBox(['> continue']), 'continue', true],
    ['claude-code', claudeBox(['> Try "fix lint errors"']), 'continue', false],
    ['claude-code', claudeBox(['> half a sentencecontinue']), 'continue', false],
    // the box wrapped the task over two rows, at a space
    ['claude-code', claudeBox([`> ${TASK.slice(0, 50)}`, `  ${TASK.slice(51)}`]), TASK, true],
    ['codex', codexComposer('continue'), 'continue', true],
    ['codex', codexComposer('Ask Codex to do anything'), 'continue', false],
    ['codex', codexNarrow('continue'), 'continue', true],
    ['codex', [...codexNarrow('continue'), '  ← for agents · ? for shortcuts'], 'continue', true],
    // rows under the box that are not Codex's chrome: the box is not the last thing on screen
    ['codex', [...codexNarrow('continue'), '  a row of output', '  another row'], 'continue', false],
    ['gemini', geminiBox('continue'), 'continue', true],
    ['gemini', geminiBox('  Type your message or @path/to/file'), 'continue', false],
  ])('%s: %j holds exactly %j → %s', (profile, lines, text, want) => {
    expect(holdsExactly(rows(profile, lines), text)).toBe(want);
  });

  it.each([
    [
      'a menu option highlighted where the box would be',
      'claude-code',
      ['Do you want to proceed?', '❯ 1. Yes', '  2. No, and tell Claude what to do differently (esc)'],
    ],
    [
      "a Codex approval menu (its options share the composer's marker)",
      'codex',
      ['Would you like to run the following command?', '  $ npm test', '› 1. Yes, proceed', '  2. No'],
    ],
    [
      'a busy agent: the message echoed above the spinner is history, not the box',
      'claude-code',
      ['> continue', '', '✻ Continuing… (3s · esc to interrupt)'],
    ],
    [
      'a box with a dialog drawn below it',
      'claude-code',
      [
        ...claudeBox(['> continue']),
        'Bash command',
        '  rm -rf build',
        'Do you want to proceed?',
        '  1. Yes',
        '  2. No',
      ],
    ],
  ])('no box: %s', (_name, profile, lines) => {
    expect(rows(profile, lines)).toBeUndefined();
  });

  // the cursor stands where typed text would start: what follows it is the placeholder, drawn dim after the cursor
  it.each([
    ['codex', 2, codexComposer('Ask Codex to do anything'), ['']],
    [
      'codex',
      10,
      codexComposer('continue'),
      // the shortcuts row under the composer is Codex's chrome (a footer), not text in the box
      ['continue'],
    ],
    ['gemini', 4, geminiBox('  Type your message or @path/to/file'), ['']],
    ['gemini', 12, geminiBox('continue'), ['continue']],
  ])('%s: the cursor at column %i of the box row; %j reads %j', (profile, x, lines, want) => {
    const y = lines.findIndex((l) => /^(?:│ )?[›>] /.test(l));
    const snapshot = snapshotOf(lines.join('\n'), { cursor: { x: x as number, y, visible: true } });
    expect(boxRows(snapshot, resolveProfiles().get(profile as string)!)).toEqual(want);
  });

  it('text has left the box when the box is empty again, or gone', () => {
    expect(leftBox(rows('claude-code', claudeBox(['> '])), 'continue')).toBe(true);
    expect(leftBox(undefined, 'continue')).toBe(true);
    expect(leftBox(rows('claude-code', claudeBox(['> continue'])), 'continue')).toBe(false);
  });

  it("a config can give a profile's input box and timing (durations as strings)", () => {
    const set = resolveProfiles({
      'my-agent': { input: { row: ['^\\$ (.*)$'], readyAfter: '20s', enterGap: '400ms' } },
    });
    const mine = set.get('my-agent')!;
    expect(mine.input).toMatchObject({ readyAfter: 20_000, enterGap: 400, settle: 300, clear: 'backspace' });
    expect(boxRows(snapshotOf('Ready.\n$ go on'), mine)).toEqual(['go on']);
    expect(set.get('codex')!.input.readyAfter).toBeGreaterThan(20_000);
  });
});
