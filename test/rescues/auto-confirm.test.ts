import { describe, expect, it } from 'vitest';
import prompt from '../../plugins/checks/prompt.js';
import autoConfirm from '../../plugins/rescues/auto-confirm.js';
import { drawnBy, PaneTester, type Screen } from '../../core/testing/index.js';
import {
  captured,
  confirmSeenOn,
  inputBox,
  linePrompt,
  permission,
  working,
} from '../fixtures/screens/index.js';

// The real `prompt` check runs first, so the dialog, its keys and the decision come from the real classifier and
// guard; the actuator classifies the screen again right before it sends.
const claude = { profile: 'claude-code' };
const npmTest = permission('npm test -- --runInBand src/orders');
const answered = working('Running the order tests', [
  '⏺ Bash(npm test -- --runInBand src/orders)',
  '  ⎿  ok',
]);

const tester = new PaneTester({ describe, it, checks: [prompt] });
tester.run(autoConfirm, [
  {
    name: "approves a safe Claude dialog with exactly the dialog's keys",
    agent: claude,
    screens: [npmTest, answered],
    expect: { findings: [], sent: ['Enter'], refused: [] },
  },
  {
    name: 'approves a file edit (an action, not a shell command) from a captured screen',
    agent: claude,
    screens: [captured('claude-edit-file'), answered],
    expect: { sent: ['Enter'], refused: [] },
  },
  {
    name: 'highlight on "don\'t ask again": moves up to "Yes" and picks it, never the always-allow option',
    agent: claude,
    screens: [permission('npm run lint', { selected: 1 }), permission('npm run lint'), answered],
    expect: { sent: ['Up', 'Enter'] },
  },
  {
    name: 'highlight on "No": moves up twice to "Yes"',
    agent: claude,
    screens: [
      permission('npm run lint', { selected: 2 }),
      permission('npm run lint', { selected: 1 }),
      permission('npm run lint'),
      answered,
    ],
    expect: { sent: ['Up', 'Up', 'Enter'] },
  },
  {
    name: 'an arrow the menu did not take: Enter is not pressed on the option still highlighted',
    agent: claude,
    screens: [permission('npm run lint', { selected: 1 }), permission('npm run lint', { selected: 1 })],
    expect: { sent: ['Up'] },
  },
  {
    name: 'an arrow that moved two options: nothing more is pressed',
    agent: claude,
    screens: [
      permission('npm run lint', { selected: 2 }),
      permission('npm run lint'),
      permission('npm run lint', { selected: 1 }),
    ],
    expect: { sent: ['Up'] },
  },
  {
    name: 'a dialog whose only "yes" widens permissions is never approved',
    agent: claude,
    screens: [
      permission('npm run lint', {
        options: [
          'Yes, allow all commands during this session',
          'No, and tell Claude what to do differently (esc)',
        ],
      }),
    ],
    ticks: 3,
    expect: { sent: [], refused: [] },
  },
  {
    name: 'a default-No [y/N] prompt gets the explicit y, then Enter',
    screens: [
      linePrompt(
        './scripts/prune-fixtures.sh',
        ['Found 3 stale fixtures in test/fixtures/old.'],
        'Remove them? [y/N]',
      ),
      linePrompt(
        './scripts/prune-fixtures.sh',
        ['Found 3 stale fixtures in test/fixtures/old.'],
        'Remove them? [y/N] y',
      ),
    ],
    expect: { sent: ['y', 'Enter'] },
  },
  {
    name: 'a default-Yes (Y/n) prompt gets an explicit y too, never a bare Enter',
    screens: [
      captured('pip-uninstall-default-yes', { command: 'pip' }),
      { text: 'Successfully uninstalled requests-2.32.3' },
    ],
    expect: { sent: ['y', 'Enter'] },
  },
  {
    name: 'answers each dialog once: the same screen on later ticks gets nothing more',
    agent: claude,
    screens: [npmTest],
    ticks: 4,
    expect: { sent: ['Enter'] },
  },
  {
    name: 'a dialog seen on one look only is not answered (it may still be drawing)',
    agent: claude,
    screens: [npmTest, answered],
    // the check asks for a second look after 500 ms; ticks 100 ms apart never get that far
    ticks: 1,
    tickMs: 100,
    expect: { sent: [] },
  },
  {
    name: 'a blocked command (rm -rf ~/) is left to the next rescue: nothing sent',
    agent: claude,
    screens: [captured('claude-bash-rm-home')],
    ticks: 3,
    expect: { sent: [], refused: [] },
  },
  {
    name: 'a held command (npm publish) is left to the next rescue: nothing sent',
    agent: claude,
    screens: [permission('npm publish --access public')],
    ticks: 3,
    expect: { sent: [], refused: [] },
  },
  {
    name: 'copy mode: a person is looking, nothing is sent',
    agent: claude,
    screens: [{ ...npmTest, inMode: true }],
    ticks: 3,
    expect: { sent: [] },
  },
  {
    name: 'copy mode entered between check and send: refused as copy-mode, nothing sent',
    agent: claude,
    finding: confirmSeenOn(npmTest),
    screens: [{ ...npmTest, inMode: true }],
    expect: { sent: [], refused: [/^copy-mode: /] },
  },
  {
    name: 'the dialog changed between check and send (another command): refused as stale, nothing sent',
    agent: claude,
    finding: confirmSeenOn(npmTest),
    screens: [permission('git push --force origin main')],
    expect: { sent: [], refused: ['stale: the dialog is no longer on screen'] },
  },
  {
    name: 'the dialog went away between check and send: refused as stale, nothing sent',
    agent: claude,
    finding: confirmSeenOn(npmTest),
    screens: [inputBox()],
    expect: { sent: [], refused: ['stale: the dialog is no longer on screen'] },
  },
  {
    name: 'screen changes before the send: another dialog drawn after the look is not answered',
    agent: claude,
    finding: confirmSeenOn(npmTest),
    screens: [npmTest, drawnBy('look', permission('git push --force origin main'))],
    expect: { sent: [], refused: ['stale: the dialog is no longer on screen'] },
  },
]);

describe('auto-confirm, journaled', () => {
  it('journals the answer with the plugin, the rule, the keys and the screen hash', async () => {
    const result = await PaneTester.runCase(
      autoConfirm,
      { name: 'journal', agent: claude, screens: [npmTest, answered], expect: {} },
      [prompt],
    );
    const actions = result.journal.filter((e) => e.type === 'action');
    expect(actions).toEqual([
      expect.objectContaining({
        plugin: 'auto-confirm',
        action: 'answer',
        keys: ['Enter'],
        rule: 'claude-code.permission',
        reason: 'answer claude-code.permission: npm test -- --runInBand src/orders',
        screenHash: expect.stringMatching(/^[0-9a-f]{8,}$/),
        dryRun: false,
        verified: true,
      }),
    ]);
  });

  it('dry run: journals what it would have sent and sends nothing', async () => {
    const result = await PaneTester.runCase(
      autoConfirm,
      { name: 'dry', agent: claude, config: { actuator: { dryRun: true } }, screens: [npmTest], expect: {} },
      [prompt],
    );
    expect(result.sent).toEqual([]);
    expect(result.journal.filter((e) => e.type === 'action')).toEqual([
      expect.objectContaining({ action: 'answer', keys: ['Enter'], dryRun: true }),
    ]);
  });

  it('a second dialog after the budget is spent is refused as budget', async () => {
    const second: Screen = permission('npm run build');
    const result = await PaneTester.runCase(
      autoConfirm,
      {
        name: 'budget',
        agent: claude,
        config: { actuator: { perAgentPerHour: 1 } },
        screens: [npmTest, second],
        ticks: 2,
        expect: {},
      },
      [prompt],
    );
    expect(result.sent).toEqual(['Enter']);
    expect(result.refused).toEqual([expect.stringMatching(/^budget: budget: 1 actions on this agent/)]);
  });
});
