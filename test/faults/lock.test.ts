import { afterAll, describe, expect, it } from 'vitest';
import { nightshift } from '../helpers/cli.js';
import { makeFleet, simAgent } from '../helpers/fleet.js';
import { waitFor } from '../helpers/wait.js';

describe('fault: two runners on the same state dir', () => {
  const fleet = makeFleet([simAgent('builder', 'worker')]);
  afterAll(() => fleet.cleanup());

  it('the second refuses with a clear message and the first night is not disturbed', async () => {
    const args = ['night', '--now', '--for', '45s', '--config', fleet.configFile]; // outlasts the second runner's start on a busy machine
    const first = nightshift(args, { cwd: fleet.dir });
    await waitFor(
      () => fleet.events(fleet.runDir()).some((e) => e.type === 'agent-started'),
      'the first runner to start',
      60_000,
    );
    const second = await nightshift(args, { cwd: fleet.dir });
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toMatch(/another nightshift runner \(pid \d+\) is using .*state/);
    const done = await first;
    expect(done.exitCode, done.all).toBe(0);
    const starts = fleet.events(fleet.runDir()).filter((e) => e.type === 'night-start');
    expect(starts).toHaveLength(1);
  }, 110_000);
});
