import { afterAll, describe, expect, it } from 'vitest';
import { nightshift } from '../helpers/cli.js';
import { makeFleet, simAgent } from '../helpers/fleet.js';
import { waitFor } from '../helpers/wait.js';

describe('fault: the tmux server is killed mid-night', () => {
  const fleet = makeFleet([simAgent('builder', 'worker'), simAgent('tester', 'worker')]);
  afterAll(() => fleet.cleanup());

  // A night long enough, and a wait as long, for a 2-core machine at load 25 (CI beside other work), where the
  // agents were not watched within 15 s.
  it('the runner survives, journals and escalates the loss, recreates the layout and finishes the night', async () => {
    const run = nightshift(['night', '--now', '--for', '45s', '--config', fleet.configFile], {
      cwd: fleet.dir,
    });
    const runDir = fleet.runDir();
    await waitFor(
      () => fleet.events(runDir).filter((e) => e.type === 'state').length >= 2,
      'agents to be watched',
      45_000,
    );
    await fleet.tmux('kill-server');
    const result = await run;
    expect(result.exitCode, result.all).toBe(0);
    const events = fleet.events(runDir);
    const lost = events.findIndex((e) => e.type === 'tmux-lost');
    expect(lost).toBeGreaterThan(0);
    expect(
      events.slice(lost).some((e) => e.type === 'escalation' && e.reason.includes('tmux server lost')),
    ).toBe(true);
    const restored = events.findIndex((e) => e.type === 'tmux-restored' && e.recreated);
    expect(restored).toBeGreaterThan(lost);
    const restarted = events
      .slice(lost)
      .filter((e) => e.type === 'agent-started')
      .map((e) => e.type === 'agent-started' && e.agent);
    expect(restarted.sort()).toEqual(['builder', 'tester']);
    expect(events.filter((e) => e.type === 'night-end')).toHaveLength(1);
  });
});
