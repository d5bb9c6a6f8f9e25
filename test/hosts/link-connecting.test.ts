// A host link over a real sshd is reachable only once its node answered hello. While it connects (a node that starts
// slowly, a host that fails after a while) a request is refused at once, never left waiting on a connection that may
// not come (a night once waited 15 s on a host down from the start, and ended on it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostLink, type LinkEvent } from '../../core/hosts/link.js';
import { nightshiftVersion } from '../../core/hosts/version.js';
import { NIGHTSHIFT_HERE, startSshd, type TestSshd } from '../helpers/sshd.js';
import { killTmuxServer } from '../helpers/tmux-server.js';

const CASES = [
  { name: 'a node that starts slowly', slow: (node: string) => `sleep 1; ${node}`, then: 'up' },
  { name: 'a host that fails after a while', slow: () => 'sleep 1; exit 255', then: 'down' },
] as const;

describe('a host link is reachable only once its node said hello', () => {
  let sshd: TestSshd;
  const dir = mkdtempSync(join(tmpdir(), 'ns-link-'));
  const socket = `ns-test-${process.pid}-link-box`;
  const node = `${NIGHTSHIFT_HERE} node --stdio --state-dir ${join(dir, 'box-node')} --socket ${socket}`;

  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await killTmuxServer(socket);
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES)('$name: while connecting a request is refused at once; then $then', async (c) => {
    const link = new HostLink({
      host: 'box',
      ssh: sshd.ssh,
      remoteCommand: c.slow(node),
      version: nightshiftVersion(),
      backoffMs: 600_000, // one attempt: no retry within the test
    });
    const events: LinkEvent['type'][] = [];
    link.onEvent((e) => events.push(e.type));
    try {
      const started = link.start();
      expect(link.state).toBe('connecting');
      await expect(link.request({ op: 'ping' })).rejects.toThrow('host box is unreachable (connecting)');
      expect(await started).toBe(c.then);
      if (c.then === 'up') {
        expect(events).toEqual(['connected']);
        await expect(link.request({ op: 'ping' })).resolves.toHaveProperty('seq');
      } else expect(events).toEqual(['unreachable']);
    } finally {
      await link.close();
    }
  });
});
