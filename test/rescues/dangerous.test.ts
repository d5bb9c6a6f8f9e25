import { describe, expect, it } from 'vitest';
import prompt from '../../plugins/checks/prompt.js';
import autoConfirm from '../../plugins/rescues/auto-confirm.js';
import dangerous from '../../plugins/rescues/dangerous.js';
import { drawnBy, PaneTester, type Screen } from '../../core/testing/index.js';
import { captured, confirmSeenOn, inputBox, permission, working } from '../fixtures/screens/index.js';

// The real `prompt` check builds the dialog and the guard's decision; `dangerous` acts on block/hold decisions.
const claude = { profile: 'claude-code' };
const rmHome = captured('claude-bash-rm-home');
const forcePush = permission('git push --force origin main');
const publish = permission('npm publish --access public');
const NOTE =
  'That command was refused by the overnight supervisor as destructive. Do not retry it; choose a safer way or leave it for a human.';
// what the agent shows after Escape: its input box, ready for the note
const declined = inputBox(['⏺ Bash(git push --force origin main)', '  ⎿  Interrupted by user', '']);
/** The dialog signature `dangerous` remembers for a screen. */
const signature = (shown: Screen) => {
  const seen = confirmSeenOn(shown);
  return seen.kind === 'confirm' ? seen.data.dialog.signature : '';
};
const afterNote = working('Choosing a safer way', ['> That command was refused by the overnight supervisor']);

new PaneTester({ describe, it, checks: [prompt] }).run(dangerous, [
  {
    name: 'rm -rf ~/ is never answered and is escalated once as blocked-command',
    agent: claude,
    screens: [rmHome],
    ticks: 4,
    expect: {
      sent: [],
      refused: [],
      escalated: ['blocked-command'],
      state: { blocks: 1, seen: [signature(rmHome)] },
    },
  },
  {
    name: 'a force push is never answered and is escalated once as blocked-command',
    agent: claude,
    screens: [forcePush],
    ticks: 4,
    expect: { sent: [], escalated: ['blocked-command'] },
  },
  {
    name: 'curl | sudo bash (captured) is never answered',
    agent: claude,
    screens: [captured('claude-bash-curl-pipe-sudo')],
    ticks: 3,
    expect: { sent: [], escalated: ['blocked-command'] },
  },
  {
    name: 'a command the guard holds (npm publish) is escalated as held-command',
    agent: claude,
    screens: [publish],
    ticks: 3,
    expect: { sent: [], escalated: ['held-command'] },
  },
  {
    name: 'a safe dialog is not its business: nothing sent, nothing escalated',
    agent: claude,
    screens: [permission('npm test')],
    ticks: 3,
    expect: { sent: [], escalated: [] },
  },
  {
    name: "action: decline answers with the profile's deny keys, then types the fixed note",
    agent: claude,
    options: { action: 'decline' },
    screens: [forcePush, declined, afterNote],
    ticks: 3,
    expect: { sent: ['Escape', NOTE, 'Enter'], escalated: ['blocked-command'] },
  },
  {
    name: 'action: decline with a note of your own',
    agent: claude,
    options: { action: 'decline', note: 'Never force-push. Open a pull request instead.' },
    screens: [forcePush, declined, afterNote],
    expect: { sent: ['Escape', 'Never force-push. Open a pull request instead.', 'Enter'] },
  },
  {
    name: 'a line prompt (rm -ri ~/) is declined with its own deny keys (n, Enter); no note is typed into the shell after it',
    options: { action: 'decline' },
    screens: [
      captured('rm-interactive-home', { command: 'rm' }),
      { text: "rm: descend into directory '/home/dev/'? n\ndev@buildbox:~$", command: 'bash' },
    ],
    expect: { sent: ['n', 'Enter'], escalated: ['blocked-command'] },
  },
  {
    name: 'declining in copy mode: the decline is refused, nothing sent',
    agent: claude,
    options: { action: 'decline' },
    finding: confirmSeenOn(forcePush),
    screens: [{ ...forcePush, inMode: true }],
    expect: { sent: [], refused: [/^copy-mode: /], escalated: ['blocked-command'] },
  },
  {
    name: 'the dialog changed before the decline: refused as stale, nothing sent',
    agent: claude,
    options: { action: 'decline' },
    finding: confirmSeenOn(forcePush),
    screens: [permission('git push --force origin release')],
    expect: { sent: [], refused: ['stale: the dialog is no longer on screen'] },
  },
  {
    name: 'a dialog already escalated before a runner restart is not escalated again',
    agent: claude,
    state: { blocks: 1, seen: [signature(forcePush)] },
    screens: [forcePush],
    ticks: 3,
    expect: { sent: [], escalated: [], state: { blocks: 1, seen: [signature(forcePush)] } },
  },
  {
    name: 'the maxBlocks-th refusal gives the agent up: escalated, then given up',
    agent: claude,
    options: { maxBlocks: 3 },
    state: { blocks: 2, seen: ['an earlier dialog', 'another earlier dialog'] },
    screens: [forcePush],
    ticks: 3,
    expect: { sent: [], escalated: ['blocked-command', 'given-up'] },
  },
  {
    name: 'maxBlocks 1 with decline: declines this one, then gives up',
    agent: claude,
    options: { action: 'decline', maxBlocks: 1 },
    screens: [forcePush, declined, afterNote],
    ticks: 3,
    expect: { sent: ['Escape', NOTE, 'Enter'], escalated: ['blocked-command', 'given-up'] },
  },
  {
    name: 'screen changes before the send: a new dialog instead of the input box after Escape gets no note',
    agent: claude,
    options: { action: 'decline' },
    screens: [forcePush, publish],
    ticks: 1,
    expect: { sent: ['Escape'], refused: [/^screen: a confirm screen/], escalated: ['blocked-command'] },
  },
  {
    name: 'screen changes before the send: the dialog gives way to a menu drawn after the look, nothing sent',
    agent: claude,
    options: { action: 'decline' },
    finding: confirmSeenOn(forcePush),
    screens: [forcePush, drawnBy('look', captured('claude-asks-next-step'))],
    expect: {
      sent: [],
      refused: ['stale: the dialog is no longer on screen'],
      escalated: ['blocked-command'],
    },
  },
]);

describe('dangerous, journaled', () => {
  it('the escalation names the command and the guard rule; urgent only when asked', async () => {
    const run = (options: Record<string, unknown>) =>
      PaneTester.runCase(dangerous, { name: 'x', agent: claude, options, screens: [rmHome], expect: {} }, [
        prompt,
      ]);
    const [plain] = (await run({})).journal.filter((e) => e.type === 'escalation');
    expect(plain).toMatchObject({
      plugin: 'dangerous',
      kind: 'blocked-command',
      command: 'rm -rf ~/ .cache/webapp-build',
      urgent: false,
      reason: expect.stringContaining('core.fs.rm-recursive-home'),
    });
    const [urgent] = (await run({ urgent: true })).journal.filter((e) => e.type === 'escalation');
    expect(urgent).toMatchObject({ urgent: true });
  });

  it('a given-up agent gets no more actions: one agent-given-up event, later ticks act on nothing', async () => {
    const result = await PaneTester.runCase(
      dangerous,
      {
        name: 'x',
        agent: claude,
        options: { action: 'decline', maxBlocks: 1 },
        screens: [forcePush, declined, afterNote],
        ticks: 5,
        expect: {},
      },
      [prompt],
    );
    expect(result.journal.filter((e) => e.type === 'agent-given-up')).toEqual([
      expect.objectContaining({ plugin: 'dangerous', reason: '1 refused commands' }),
    ]);
    const last = result.journal.findLastIndex((e) => e.type === 'agent-given-up');
    expect(
      result.journal.slice(last + 1).filter((e) => e.type === 'action' || e.type === 'escalation'),
    ).toEqual([]);
  });

  it('action: decline right after another action (cooldown) still declines once the cooldown has passed', async () => {
    // auto-confirm answers a safe dialog; 2 s later the agent asks to force-push. The decline meets the 3 s cooldown,
    // which the actuator treats as "try again next tick"; the dialog must still be declined after that.
    const result = await PaneTester.runCase(
      dangerous,
      {
        name: 'x',
        agent: claude,
        options: { action: 'decline' },
        config: { actuator: { cooldown: '3s' } },
        screens: [permission('npm test'), forcePush, declined, afterNote],
        ticks: 6,
        tickMs: 1000,
        expect: {},
      },
      [prompt, autoConfirm],
    );
    expect(result.escalated).toEqual(['blocked-command']);
    expect(result.sent.slice(0, 2)).toEqual(['Enter', 'Escape']);
    const [answer, decline] = result.journal.filter((e) => e.type === 'action');
    expect(decline).toMatchObject({ plugin: 'dangerous', action: 'decline', keys: ['Escape'] });
    expect(Date.parse(decline!.t) - Date.parse(answer!.t)).toBeGreaterThanOrEqual(3000);
  });

  // The note is part of the decline: the deny keys' cooldown must not swallow it.
  it('action: decline types the note even with the default cooldown', async () => {
    const result = await PaneTester.runCase(
      dangerous,
      {
        name: 'x',
        agent: claude,
        options: { action: 'decline' },
        config: { actuator: { cooldown: '3s' } },
        screens: [forcePush, declined, afterNote],
        ticks: 4,
        expect: {},
      },
      [prompt],
    );
    expect(result.sent).toEqual(['Escape', NOTE, 'Enter']);
  });
});
