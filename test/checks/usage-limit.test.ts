import { describe, expect, it } from 'vitest';
import usageLimit from '../../plugins/checks/usage-limit.js';
import type { Snapshot } from '../../core/screen/types.js';
import { NOW, screen, tui } from '../screen/screens.js';
import { harness } from './check-context.js';

const at = (s: Snapshot, ms: number): Snapshot => ({ ...s, at: new Date(NOW.getTime() + ms) });
const box = ['', '─'.repeat(30), '❯', '─'.repeat(30), '  ? for shortcuts'];

describe('usage-limit check', () => {
  it('reports a limit with its reset time', async () => {
    const h = await harness(usageLimit);
    const [finding] = await h.look(
      screen(["  ⎿  You've hit your limit · resets 4am (America/New_York)", ...box], tui),
    );
    expect(finding).toMatchObject({
      kind: 'limit',
      severity: 'warn',
      data: { resetAt: '2026-11-21T09:00:00.000Z', needsHuman: false },
    });
  });

  it('uses the configured time zone for times printed without one', async () => {
    const h = await harness(usageLimit, {}, undefined, { timezone: 'Europe/Berlin' });
    const [finding] = await h.look(screen(['  ⎿  5-hour limit reached ∙ resets 5am', ...box], tui));
    expect(finding).toMatchObject({ data: { resetAt: '2026-11-21T04:00:00.000Z' } });
  });

  it('counts a relative reset time from when the message first appeared', async () => {
    const h = await harness(usageLimit);
    const limited = screen(
      [
        " ✗ Sorry, you've hit a rate limit. Please try again in 2 hours.",
        '',
        ' >  Enter @ to mention files or / for commands',
      ],
      tui,
    );
    const [first] = await h.look(limited);
    const [later] = await h.look(at(limited, 10 * 60_000));
    expect(first).toMatchObject({ data: { resetAt: '2026-11-21T04:00:00.000Z' } });
    expect(later).toMatchObject({ data: { resetAt: '2026-11-21T04:00:00.000Z' } });
  });

  it('a clock time that passed while the message stayed on screen stays in the past (so the waiter backs off)', async () => {
    const h = await harness(usageLimit);
    const limited = screen(["  ⎿  You've hit your limit · resets 3am (UTC)", ...box], tui);
    await h.look(limited);
    const [later] = await h.look(at(limited, 90 * 60_000));
    expect(later).toMatchObject({ data: { resetAt: '2026-11-21T03:00:00.000Z' } });
  });

  it('credit exhaustion needs a person', async () => {
    const h = await harness(usageLimit);
    const [finding] = await h.look(
      screen(['  ⎿  Credit balance is too low · Add funds: https://console.anthropic.com', ...box], tui),
    );
    expect(finding).toMatchObject({
      kind: 'limit',
      severity: 'error',
      data: { resetAt: null, needsHuman: true },
    });
  });

  it('reports nothing without a limit', async () => {
    const h = await harness(usageLimit);
    expect(await h.look(screen(['  ⎿  Approaching usage limit · resets at 2am', ...box], tui))).toEqual([]);
  });
});
