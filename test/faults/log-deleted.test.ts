import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nightshift } from '../helpers/cli.js';
import { makeFleet, simAgent } from '../helpers/fleet.js';
import { waitFor } from '../helpers/wait.js';

describe("fault: an agent's pane log is deleted mid-night", () => {
  const fleet = makeFleet([simAgent('builder', 'worker', { task: 'Work through TASKS.md' })]);
  afterAll(() => fleet.cleanup());

  // A night long enough, and waits as long, for a 2-core machine at load 25 (CI beside other work), where the
  // agent's first output took more than 15 s to reach its log.
  it('is detected on the next tick, re-armed into a new file and journaled', async () => {
    const run = nightshift(['night', '--now', '--for', '40s', '--config', fleet.configFile], {
      cwd: fleet.dir,
    });
    const runDir = fleet.runDir();
    const log = join(runDir, 'logs', 'builder.log');
    await waitFor(() => existsSync(log) && statSync(log).size > 0, 'the pane log to fill', 40_000);
    rmSync(log);
    await waitFor(
      () => fleet.events(runDir).some((e) => e.type === 'pipe-rearmed'),
      'the pipe to be re-armed',
      40_000,
    );
    const result = await run;
    expect(result.exitCode, result.all).toBe(0);
    expect(fleet.events(runDir)).toContainEqual(
      expect.objectContaining({ type: 'pipe-rearmed', agent: 'builder', reason: 'log file missing' }),
    );
    await waitFor(
      () => existsSync(log) && statSync(log).size > 0,
      'the new log file to receive output',
      40_000,
    );
  });
});
