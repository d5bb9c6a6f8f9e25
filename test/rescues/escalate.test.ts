import { describe, expect, it } from 'vitest';
import error from '../../plugins/checks/error.js';
import prompt from '../../plugins/checks/prompt.js';
import usageLimit from '../../plugins/checks/usage-limit.js';
import escalate from '../../plugins/rescues/escalate.js';
import { drawnBy, PaneTester, screen } from '../../core/testing/index.js';
import { captured, inputBox, permission, working } from '../fixtures/screens/index.js';

// Real checks find what needs a person; `escalate` (the last rescue) puts it on the "needs you" list, once each.
const claude = { profile: 'claude-code' };
const sudo = captured('sudo-password', { command: 'sudo' });
const credit = screen`
  > publish the docs
    ⎿  Credit balance is too low
  ╭──────────────────────────────────────────╮
  │ >                                        │
  ╰──────────────────────────────────────────╯`;
const panic = screen`
  ⏺ Bash(cargo run --bin migrate)
    ⎿  thread 'main' panicked at src/main.rs:12:5:
       called \`Option::unwrap()\` on a \`None\` value
  ✻ Thinking… (4s · esc to interrupt)`;

new PaneTester({ describe, it, checks: [prompt, usageLimit, error] }).run(escalate, [
  {
    name: 'a sudo password prompt is escalated as secret, once, and never answered',
    screens: [sudo],
    ticks: 4,
    expect: { sent: [], refused: [], escalated: ['secret'] },
  },
  {
    name: 'an ssh password after a host-key question is escalated as secret, never answered',
    screens: [captured('ssh-password-after-host-key', { command: 'ssh' })],
    ticks: 3,
    expect: { sent: [], escalated: ['secret'] },
  },
  {
    name: 'a dialog nobody answered (the guard blocked it) is escalated as held-command',
    agent: claude,
    screens: [captured('claude-bash-rm-home')],
    ticks: 3,
    expect: { sent: [], escalated: ['held-command'] },
  },
  {
    name: 'an approvable dialog is not escalated (auto-confirm answers it)',
    agent: claude,
    screens: [permission('npm test')],
    ticks: 3,
    expect: { sent: [], escalated: [] },
  },
  {
    name: 'credit exhausted is escalated as credit',
    agent: claude,
    screens: [credit],
    ticks: 3,
    expect: { sent: [], escalated: ['credit'] },
  },
  {
    name: 'a fatal error (a panic) is escalated as other',
    agent: claude,
    screens: [panic],
    ticks: 2,
    expect: { sent: [], escalated: ['other'] },
  },
  {
    name: 'a question only a person can answer is escalated as other',
    agent: claude,
    screens: [captured('claude-asks-next-step')],
    ticks: 3,
    expect: { sent: [], escalated: ['other'] },
  },
  {
    name: 'an agent working or idle at its input box needs nobody',
    agent: claude,
    screens: [working()],
    ticks: 3,
    expect: { escalated: [] },
  },
  {
    name: 'screen changes before the send: a dialog that replaces the password prompt is escalated, never answered',
    screens: [sudo, drawnBy('look', permission('git push --force origin main'))],
    agent: claude,
    ticks: 3,
    expect: { sent: [], refused: [], escalated: ['held-command'] },
  },
]);

describe('escalate, journaled', () => {
  const run = (
    screens: Parameters<typeof PaneTester.runCase>[1]['screens'],
    options?: Record<string, unknown>,
  ) =>
    PaneTester.runCase(escalate, { name: 'x', agent: claude, options, screens, ticks: 3, expect: {} }, [
      prompt,
      usageLimit,
      error,
    ]);

  it('a usage limit that resets is not escalated (wait-for-reset waits it out)', async () => {
    const limited = inputBox([
      '⏺ Update(src/middleware/validate.ts)',
      '  ⎿  5-hour limit reached ∙ resets 5am',
      '',
    ]);
    const result = await run([limited]);
    expect(
      result.journal.filter((e) => e.type === 'finding').map((e) => e.type === 'finding' && e.kind),
    ).toEqual(['limit']);
    expect(result.escalated).toEqual([]);
  });

  it('secret and credit mail right away by default; a held command does not', async () => {
    const urgency = async (screens: Parameters<typeof run>[0]) =>
      (await run(screens)).journal.flatMap((e) => (e.type === 'escalation' ? [[e.kind, e.urgent]] : []));
    expect(await urgency([sudo])).toEqual([['secret', true]]);
    expect(await urgency([credit])).toEqual([['credit', true]]);
    expect(await urgency([captured('claude-bash-rm-home')])).toEqual([['held-command', false]]);
  });

  it('`urgent` chooses which kinds mail right away', async () => {
    const result = await run([captured('claude-bash-rm-home')], { urgent: ['held-command'] });
    expect(result.journal.filter((e) => e.type === 'escalation')).toEqual([
      expect.objectContaining({ kind: 'held-command', urgent: true }),
    ]);
    const quiet = await run([sudo], { urgent: [] });
    expect(quiet.journal.filter((e) => e.type === 'escalation')).toEqual([
      expect.objectContaining({ kind: 'secret', urgent: false }),
    ]);
  });

  it('a held command carries the command for the report; a secret says it is never answered', async () => {
    const [held] = (await run([captured('claude-bash-rm-home')])).journal.filter(
      (e) => e.type === 'escalation',
    );
    expect(held).toMatchObject({ plugin: 'escalate', command: 'rm -rf ~/ .cache/webapp-build' });
    const [secret] = (await run([sudo])).journal.filter((e) => e.type === 'escalation');
    expect(secret).toMatchObject({ reason: expect.stringContaining('never answered by nightshift') });
  });
});
