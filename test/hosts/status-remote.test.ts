// `nightshift status` on a config with agents on other hosts: a remote agent is listed as remote with its host (its
// pane is reached only by the night's controller), never as absent from this machine's tmux.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { nightshift } from '../helpers/cli.js';

describe('nightshift status with agents on other hosts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ns-status-hosts-'));
  writeFileSync(
    join(dir, 'nightshift.config.yaml'),
    stringify({
      timezone: 'UTC',
      stateDir: join(dir, 'state'),
      tmux: { socket: `ns-test-${process.pid}-status-hosts`, session: 'fleet' },
      hosts: [{ name: 'gpu', ssh: 'gpu.invalid' }],
      agents: [
        { name: 'here', command: 'node --version', cwd: dir },
        { name: 'trainer', command: 'claude', host: 'gpu', cwd: '~/src/model' },
      ],
    }),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--json: the remote agent is remote on its host, the local one absent (no tmux server)', async () => {
    const result = await nightshift(['status', '--json'], { cwd: dir });
    expect(result.exitCode, result.all).toBe(0);
    const rows = String(result.stdout)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toEqual([
      expect.objectContaining({ agent: 'here', state: 'absent', pane: null }),
      expect.objectContaining({ agent: 'trainer', state: 'remote', host: 'gpu', pane: null }),
    ]);
  }, 60_000);

  it('in text: the remote agent says where it is and where to look', async () => {
    const result = await nightshift(['status'], { cwd: dir });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toMatch(/trainer +- +remote +on host gpu: not looked at from here/);
  }, 60_000);
});
