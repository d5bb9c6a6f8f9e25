// Issue 25, "keys only where they were meant", through the public plugin API and PaneTester: a careless plugin
// types and presses on every finding; the actuator lets nothing that can choose or confirm reach a dialog, a line
// prompt, a password prompt or a menu, whether the screen was there when the plugin looked, came up between its
// look and the send, or was drawn by its first key. Every refusal is journaled with the plugin's name and reason.
import { describe, expect, it } from 'vitest';
import { definePlugin, type JournalEvent } from '../../core/index.js';
import { drawnBy, PaneTester, screen, type Screen } from '../../core/testing/index.js';
import { captured, inputBox, permission, working } from '../fixtures/screens/index.js';

/** Types "continue" + Enter, then presses Enter, Space, Down+Enter, and "1" — all on one finding. */
const careless = definePlugin({
  name: 'careless',
  async rescue(_finding, ctx) {
    await ctx.act.type('continue', { submit: true });
    await ctx.act.press('Enter');
    await ctx.act.press('Space');
    await ctx.act.press('Down', 'Enter');
    await ctx.act.press('1');
    return 'handled' as const;
  },
});

/** Types `text` with Enter, nothing else. */
const typist = (text: string) =>
  definePlugin({
    name: 'typist',
    async rescue(_f, ctx) {
      ctx.act.note(JSON.stringify(await ctx.act.type(text, { submit: true })));
      return 'handled' as const;
    },
  });

const finding = { kind: 'idle' as const, summary: 'idle', data: { idleMs: 60_000, atInput: true } };
const claude = { profile: 'claude-code' };
const forcePush = permission('git push --force origin main');
const questionMenu = captured('claude-asks-next-step');
const lineQuestion = { ...screen`Overwrite existing data? [y/N] `, cursor: { x: 31, y: 0 } };
const sudo = captured('sudo-password');
const limitMenu = screen`
  ⎿  You've hit your session limit · resets 12:50am (America/Los_Angeles)
  ────────────────────────────────────────────────────────────────────────
    What do you want to do?
    ❯ 1. Stop and wait for limit to reset
      2. Add funds to continue with extra usage
      3. Upgrade your plan
    Enter to confirm · Esc to cancel`;
const box = inputBox();
/** the box as it looks with `text` typed into it (cursor after the text) */
const typed = (text: string): Screen => {
  const lines = box.text.split('\n');
  const y = box.cursor!.y;
  lines[y] = lines[y]!.replace(
    /> {1,}/,
    (m) => `> ${text}${' '.repeat(Math.max(1, m.length - 2 - text.length))}`,
  );
  return { text: lines.join('\n'), cursor: { x: 4 + text.length, y } };
};
const busy = working('Continuing', ['> continue', '']);

const run = (screens: readonly (Screen | string)[], extra: Record<string, unknown> = {}) =>
  PaneTester.runCase(careless, { name: 'case', finding, agent: claude, screens, expect: {}, ...extra });
const refusals = (journal: readonly JournalEvent[]) =>
  journal.filter((e): e is Extract<JournalEvent, { type: 'refusal' }> => e.type === 'refusal');

describe('a careless plugin gets no key into a screen that is not an input', () => {
  it.each([
    ['a permission dialog (git push --force)', forcePush],
    ['a question menu for the person', questionMenu],
    ['a line prompt', lineQuestion],
    ['a password prompt', sudo],
    ['a usage-limit menu', limitMenu],
    ['an unknown screen', screen`Compiling 214 crates…`],
  ])('%s on screen when it looked: nothing sent, every action refused as `screen`', async (_name, shown) => {
    const result = await run([shown]);
    expect(result.sent).toEqual([]);
    const refused = refusals(result.journal);
    expect(refused.map((r) => [r.plugin, r.action, r.why])).toEqual([
      ['careless', 'type', 'screen'],
      ['careless', 'press', 'screen'],
      ['careless', 'press', 'screen'],
      ['careless', 'press', 'screen'],
      ['careless', 'press', 'keys'],
    ]);
  });

  it.each([
    ['a permission dialog', forcePush],
    ['a question menu', questionMenu],
    ['a password prompt', sudo],
  ])('%s drawn between the look and the send: nothing sent', async (_name, shown) => {
    const result = await run([box, drawnBy('look', shown)]);
    expect(result.sent).toEqual([]);
    expect(refusals(result.journal).map((r) => r.why)).toEqual([
      'screen',
      'screen',
      'screen',
      'screen',
      'keys',
    ]);
  });

  it('a dialog drawn by the first key gets nothing more: one character went to the box, no Enter', async () => {
    const result = await run([box, drawnBy('keystroke', forcePush)]);
    expect(result.sent).toEqual(['c']);
    const [first] = refusals(result.journal);
    expect(first).toMatchObject({ plugin: 'careless', action: 'type', why: 'screen' });
    expect(first!.reason).toMatch(/came up after the first key; nothing more was sent/);
  });

  it('a dialog drawn while the text is typed: Enter is not pressed', async () => {
    const result = await run([box, drawnBy('keystroke', typed('c')), drawnBy('keystroke', forcePush)]);
    expect(result.sent).toEqual(['continue']);
    expect(refusals(result.journal)[0]!.reason).toMatch(
      /came up after the text was typed; Enter was not pressed/,
    );
  });

  it('Escape and the dialog deny keys still go: cancelling is allowed', async () => {
    const canceller = definePlugin({
      name: 'canceller',
      async rescue(_f, ctx) {
        await ctx.act.press('Escape');
        return 'handled' as const;
      },
    });
    const result = await PaneTester.runCase(canceller, {
      name: 'cancel',
      finding,
      agent: claude,
      screens: [forcePush],
      expect: {},
    });
    expect(result.sent).toEqual(['Escape']);
    expect(result.refused).toEqual([]);
  });
});

describe('typing into the input box, checked before Enter', () => {
  it('types into the empty box, presses Enter once, and is verified when the agent works', async () => {
    const result = await PaneTester.runCase(typist('continue'), {
      name: 'ok',
      finding,
      agent: claude,
      screens: [box, busy],
      expect: {},
    });
    expect(result.sent).toEqual(['continue', 'Enter']);
    expect(result.journal.find((e) => e.type === 'action')).toMatchObject({
      plugin: 'typist',
      verified: true,
    });
  });

  it('one action at a time per pane: a second typing while the first is under way is refused, sends nothing', async () => {
    // a typing can outlast the hook that started it; the next tick's attempt must not type into the middle of it
    const result = await PaneTester.runCase(
      definePlugin({
        name: 'twins',
        async rescue(_f, ctx) {
          await Promise.all([ctx.act.type('continue', { submit: true }), ctx.act.press('Escape')]);
          return 'handled' as const;
        },
      }),
      { name: 'twins', finding, agent: claude, screens: [box, busy], expect: {} },
    );
    expect(result.sent).toEqual(['continue', 'Enter']);
    expect(refusals(result.journal).map((r) => [r.action, r.why])).toEqual([['press', 'not-ready']]);
    expect(refusals(result.journal)[0]!.reason).toMatch(/twins type is still under way on this agent/);
  });

  it.each([
    ['a question menu', questionMenu],
    ['a permission dialog', forcePush],
  ])(
    'verified when the agent answers at once with %s in place of the box (no busy screen seen)',
    async (_n, next) => {
      const result = await PaneTester.runCase(typist('continue'), {
        name: 'asks',
        finding,
        agent: claude,
        screens: [box, next],
        expect: {},
      });
      expect(result.sent).toEqual(['continue', 'Enter']);
      expect(result.journal.find((e) => e.type === 'action')).toMatchObject({
        plugin: 'typist',
        verified: true,
      });
    },
  );

  it('never types onto text nobody sent: not one key of the text is sent and the action refused', async () => {
    const result = await run([typed('half a sentence')]);
    // the careless plugin's presses are judged on their own; what matters here is that no typed text went out
    expect(result.sent.filter((k) => k.startsWith('c'))).toEqual([]);
    expect(refusals(result.journal)[0]).toMatchObject({ action: 'type', why: 'screen' });
    expect(refusals(result.journal)[0]!.reason).toMatch(/text that was never sent/);
  });

  it('an Enter taken as a newline (the text still in the box) gets a second Enter after the same checks', async () => {
    const result = await PaneTester.runCase(typist('continue'), {
      name: 'newline',
      finding,
      agent: claude,
      screens: [box, typed('continue'), busy],
      expect: {},
    });
    expect(result.sent).toEqual(['continue', 'Enter', 'Enter']);
    expect(result.journal.find((e) => e.type === 'action')).toMatchObject({ verified: true });
  });

  it('no second Enter when a dialog came up after the first', async () => {
    const result = await run([box, typed('continue'), drawnBy('look', forcePush)]);
    expect(result.sent.filter((k) => k === 'Enter')).toHaveLength(1);
    const action = result.journal.find((e) => e.type === 'action');
    expect(action).toMatchObject({ action: 'type', verified: false });
  });

  it('text that never leaves the box is cleared after the second Enter and reported unverified', async () => {
    const result = await PaneTester.runCase(
      definePlugin({
        name: 'typist',
        async rescue(_f, ctx) {
          const outcome = await ctx.act.type('go on', { submit: true });
          ctx.act.note(JSON.stringify(outcome));
          return 'handled' as const;
        },
      }),
      { name: 'stuck', finding, agent: claude, screens: [box, typed('go on'), typed('go on')], expect: {} },
    );
    expect(result.sent).toEqual(['go on', 'Enter', 'Enter', ...Array(5).fill('BSpace')]);
    expect(result.journal.find((e) => e.type === 'action')).toMatchObject({ verified: false });
    const note = result.journal.find((e) => e.type === 'note');
    expect(note && JSON.parse(note.text)).toMatchObject({ ok: false, why: 'verify-failed' });
  });

  it('a send the agent never shows working on is journaled verified: false', async () => {
    const done = screen`
      > continue
      ⏺ Nothing left to do.
      ╭──────────────────────────────────────────╮
      │ >                                        │
      ╰──────────────────────────────────────────╯`;
    const result = await run([box, done]);
    expect(result.journal.find((e) => e.type === 'action' && e.action === 'type')).toMatchObject({
      verified: false,
    });
  });

  it("waits out the profile's readyAfter: Codex's composer takes no key until it has been up long enough", async () => {
    const composer = screen`
      ╭──────────────────────────────────────────╮
      │ >_ OpenAI Codex (v0.46.0)                │
      ╰──────────────────────────────────────────╯
      › ▮Ask Codex to do anything
        ? for shortcuts                  100% context left`;
    const result = await PaneTester.runCase(typist('continue'), {
      name: 'codex',
      finding,
      agent: { profile: 'codex' },
      screens: [composer],
      expect: {},
    });
    expect(result.sent).toEqual([]);
    expect(refusals(result.journal)[0]).toMatchObject({ action: 'type', why: 'not-ready' });
  });

  it("a profile's ready sign ends the readyAfter wait: Codex's `← for agents` footer, the placeholder after the cursor", async () => {
    const ready = screen`
      ╭──────────────────────────────────────────╮
      │ >_ OpenAI Codex (v0.171.0)               │
      ╰──────────────────────────────────────────╯
      › ▮Ask Codex to do anything
        gpt-fake default · ~/project
        ← for agents · ? for shortcuts`;
    const working = screen`
      › continue

      • Working (0s • esc to interrupt)

      › Ask Codex to do anything
        ← for agents · ? for shortcuts`;
    const result = await PaneTester.runCase(typist('continue'), {
      name: 'codex',
      finding,
      agent: { profile: 'codex' },
      screens: [ready, working],
      expect: {},
    });
    expect(refusals(result.journal)).toEqual([]);
    expect(result.journal.find((e) => e.type === 'action' && e.action === 'type')).toMatchObject({
      verified: true,
    });
  });

  // Gemini CLI 0.61 at 80x24, as captured: the box is drawn before Gemini has initialised (a prompt sent then is
  // queued); the header and tips above it come with initialisation
  const geminiChrome = [
    '⚠  Warning: True color (24-bit) support not detected. Using a terminal with true',
    '   color enabled will result in a better visual experience.',
    '',
    '                                                                ? for shortcuts',
    '────────────────────────────────────────────────────────────────────────────────',
    ' Shift+Tab to accept edits',
    '',
    ' >  ▮Type your message or @path/to/file',
    '',
    ' workspace (/directory)                         sandbox                  /model',
    ' /tmp/project                                   no sandbox       gemini-2.5-pro',
  ];
  const geminiHeader = [
    '  ▗▟▀    Authenticated with gemini-api-key /auth',
    ' ▝▀',
    '',
    'Tips for getting started:',
    '1. Create GEMINI.md files to customize your interactions',
    '',
  ];
  const geminiScreen = (rows: string[]): Screen => ({ text: rows.join('\n') });

  it('Gemini CLI: no key into a box drawn before it has initialised (nothing above it but a warning)', async () => {
    const result = await PaneTester.runCase(typist('continue'), {
      name: 'gemini-cold',
      finding,
      agent: { profile: 'gemini' },
      screens: [geminiScreen(['', ...geminiChrome])],
      expect: {},
    });
    expect(result.sent).toEqual([]);
    expect(refusals(result.journal)[0]).toMatchObject({ action: 'type', why: 'not-ready' });
  });

  it("Gemini CLI: its header above the box is the ready sign, so the task goes in without the fallback's wait", async () => {
    const working = geminiScreen([
      ...geminiHeader,
      ' > continue',
      '',
      ' ⠼ Thinking... (esc to cancel, 0s)                               ? for shortcuts',
      '────────────────────────────────────────────────────────────────────────────────',
      ' >   Type your message or @path/to/file',
    ]);
    const result = await PaneTester.runCase(typist('continue'), {
      name: 'gemini-ready',
      finding,
      agent: { profile: 'gemini' },
      screens: [geminiScreen([...geminiHeader, ...geminiChrome]), working],
      expect: {},
    });
    expect(refusals(result.journal)).toEqual([]);
    expect(result.journal.find((e) => e.type === 'action' && e.action === 'type')).toMatchObject({
      verified: true,
    });
  });
});
