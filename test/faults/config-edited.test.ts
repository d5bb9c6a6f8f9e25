import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nightshift } from '../helpers/cli.js';
import { makeFleet, simAgent } from '../helpers/fleet.js';
import { waitFor } from '../helpers/wait.js';

describe('fault: the config is edited to something invalid while the daemon runs', () => {
  const fleet = makeFleet([simAgent('builder', 'worker', { task: 'Work through TASKS.md' })], {
    night: { start: '0 0 * * *', duration: '24h' },
  });
  afterAll(() => fleet.cleanup());

  it('the running night continues with the last good config and the error is logged with paths', async () => {
    const daemon = nightshift(['run', '--config', fleet.configFile], { cwd: fleet.dir });
    const runDir = fleet.runDir();
    await waitFor(
      () => fleet.events(runDir).some((e) => e.type === 'state'),
      'the night to be watched',
      20_000,
    );
    writeFileSync(
      fleet.configFile,
      readFileSync(fleet.configFile, 'utf8').replace(/interval: .*/, 'interval: soon'),
    );
    const logFile = join(fleet.dir, 'state', 'nightshift.log');
    await waitFor(
      () => existsSync(logFile) && readFileSync(logFile, 'utf8').includes('config change ignored'),
      'the rejected config to be logged',
      15_000,
    );
    expect(readFileSync(logFile, 'utf8')).toContain('watch.interval: not a duration');
    const before = fleet.events(runDir).length;
    await waitFor(() => fleet.events(runDir).length > before, 'the night to go on', 10_000);
    daemon.kill('SIGTERM');
    const result = await daemon;
    expect(result.exitCode, result.all).toBe(0);
    expect(fleet.events(runDir).find((e) => e.type === 'night-end')).toMatchObject({
      type: 'night-end',
      reason: 'signal',
    });
  });
});
