import { describe, expect, it } from 'vitest';
import prompt from '../../plugins/checks/prompt.js';
import type { Snapshot } from '../../core/screen/types.js';
import { claudeDialog, NOW, screen, tui } from '../screen/screens.js';
import { harness, testGuard } from './check-context.js';

const after = (s: Snapshot, ms: number): Snapshot => ({ ...s, at: new Date(NOW.getTime() + ms) });
const dialog = screen(claudeDialog(['npm test']), tui);
const geminiDialog = (spinner: string) =>
  screen(
    [
      '╭──────────────────────────────────────────╮',
      '│ ?  Shell npm ci                           │',
      '│                                          │',
      '│    npm ci                                │',
      '│                                          │',
      "│ Allow execution of: 'npm'?               │",
      '│                                          │',
      '│ ● 1. Yes, allow once                     │',
      '│   2. Yes, allow always ...               │',
      '│   3. No, suggest changes (esc)           │',
      '╰──────────────────────────────────────────╯',
      '',
      `${spinner} Waiting for user confirmation...`,
    ],
    tui,
  );

describe('prompt check', () => {
  it('reports a dialog only when a second capture at least 0.2 s later shows it too', async () => {
    const h = await harness(prompt);
    expect(await h.look(dialog)).toEqual([]);
    expect(h.lookAgain).toEqual([200]);
    expect(await h.look(after(dialog, 150))).toEqual([]);
    expect(h.lookAgain).toEqual([200, 50]);
    const [finding] = await h.look(after(dialog, 250));
    expect(finding).toMatchObject({
      kind: 'confirm',
      data: {
        dialog: { command: 'npm test', approve: ['Enter'] },
        decision: { decision: 'approve', keys: ['Enter'] },
      },
    });
  });

  it('starts over when the dialog changes between captures', async () => {
    const h = await harness(prompt);
    await h.look(dialog);
    const other = screen(claudeDialog(['npm run build']), tui);
    expect(await h.look(after(other, 600))).toEqual([]);
    expect(await h.look(after(other, 1200))).toHaveLength(1);
  });

  it('ignores a spinner animating under the dialog', async () => {
    const h = await harness(prompt);
    await h.look(geminiDialog('⠋'));
    const [finding] = await h.look(after(geminiDialog('⠙'), 700));
    expect(finding).toMatchObject({
      kind: 'confirm',
      data: { decision: { decision: 'approve', keys: ['Enter'] } },
    });
  });

  it('carries the guard’s refusal in the decision', async () => {
    const h = await harness(prompt, {}, testGuard(/npm test/));
    await h.look(dialog);
    const [finding] = await h.look(after(dialog, 600));
    expect(finding).toMatchObject({
      kind: 'confirm',
      severity: 'warn',
      data: { decision: { decision: 'escalate', keys: null } },
    });
    const declining = await harness(prompt, { onRefused: 'decline' }, testGuard(/npm test/));
    await declining.look(dialog);
    expect((await declining.look(after(dialog, 600)))[0]).toMatchObject({
      data: { decision: { decision: 'decline', keys: ['Escape'] } },
    });
  });

  it('reports a secret prompt (never answered) once it is stable', async () => {
    const h = await harness(prompt);
    const sudo = screen(['dev@box:~$ sudo systemctl restart nginx', '[sudo] password for dev:'], {
      tty_mode: 'cooked-noecho',
    });
    await h.look(sudo);
    expect(await h.look(after(sudo, 500))).toEqual([
      {
        kind: 'secret',
        severity: 'warn',
        summary: 'builder asks for a password: [sudo] password for dev:',
        data: { prompt: '[sudo] password for dev:', secretKind: 'password' },
        evidence: expect.anything(),
      },
    ]);
  });

  it('reports an agent question as input, and an idle box not at all', async () => {
    const h = await harness(prompt);
    const question = screen(
      [
        ' ☐ Deploy',
        '',
        ' Which target?',
        '',
        ' ❯ 1. staging',
        '   2. production',
        '',
        ' Enter to select · ↑/↓ to navigate · Esc to cancel',
      ],
      tui,
    );
    await h.look(question);
    expect(await h.look(after(question, 500))).toMatchObject([{ kind: 'input' }]);
    const idle = screen(['● Done.', '', '─'.repeat(30), '❯', '─'.repeat(30), '  ? for shortcuts'], tui);
    expect(await h.look(after(idle, 1000))).toEqual([]);
    expect(await h.look(after(idle, 2000))).toEqual([]);
    expect(h.state.get()).toEqual({});
  });

  it('reports nothing for a busy agent', async () => {
    const h = await harness(prompt);
    const busy = screen(
      ['✻ Thinking… (3s · esc to interrupt)', '', '─'.repeat(30), '❯', '─'.repeat(30)],
      tui,
    );
    expect(await h.look(busy)).toEqual([]);
    expect(h.lookAgain).toEqual([]);
  });
});
