// One night over a real sshd on loopback: agents here and on two "hosts" (two node state dirs and tmux sockets on this
// machine, reached over SSH). Each place has an agent asking to run `npm test` (answered) and one asking to force-push
// (held: never approved); one report groups the agents by host.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { writeFileSync } from 'node:fs';
import { makeFleet } from '../helpers/fleet.js';
import { NIGHTSHIFT_HERE, startSshd, type TestSshd } from '../helpers/sshd.js';
import { BUILT_INS, eventsOf, fixtureAgent, recorded, runNight } from '../rescues-live/helpers.js';
import { parse } from 'yaml';
import { killTmuxServer } from '../helpers/tmux-server.js';

const PLACES = [undefined, 'box', 'gpu'] as const;
const SAFE = "--command 'npm test' --count 1";
const RISKY = "--command 'git push --force origin main' --count 1";
const nameOf = (place: string | undefined, kind: string) => `${place ?? 'here'}-${kind}`;

describe('a night with agents here and on two hosts over SSH', () => {
  let sshd: TestSshd;
  const agents = PLACES.flatMap((host) => [
    fixtureAgent(nameOf(host, 'safe'), 'asks-permission', SAFE, host ? { host } : {}),
    fixtureAgent(nameOf(host, 'risky'), 'asks-permission', RISKY, host ? { host } : {}),
  ]);
  const fleet = makeFleet(agents, { plugins: BUILT_INS });
  const hostSocket = (host: string) => `${fleet.socket}-${host}`;
  let night: Awaited<ReturnType<typeof runNight>>;

  beforeAll(async () => {
    sshd = await startSshd();
    const config = parse(readFileSync(fleet.configFile, 'utf8')) as Record<string, unknown>;
    config.hosts = ['box', 'gpu'].map((name) => ({
      name,
      ssh: sshd.ssh,
      stateDir: join(fleet.dir, `${name}-node`),
      nightshift: NIGHTSHIFT_HERE,
      socket: hostSocket(name),
    }));
    writeFileSync(fleet.configFile, stringify(config));
    night = await runNight(fleet, '25s');
  }, 150_000);

  afterAll(async () => {
    for (const host of ['box', 'gpu']) await killTmuxServer(hostSocket(host));
    await sshd?.stop();
    await fleet.cleanup();
  });

  it('the night runs to its end and both links came up', () => {
    expect(night.result.exitCode, night.result.all?.slice(-4000)).toBe(0);
    expect(eventsOf(night.events, 'night-end').map((e) => e.reason)).toEqual(['duration']);
    const links = eventsOf(night.events, 'host-link').filter((e) => e.state === 'connected');
    expect(links.map((e) => e.host).sort()).toEqual(['box', 'gpu']);
  });

  it.each(PLACES)('on %s: the safe dialog is answered Yes, once', (place) => {
    const name = nameOf(place, 'safe');
    const answered = recorded(fleet, name).filter((r) => r.event === 'answered');
    expect(
      answered.map((r) => r.choice),
      night.result.all?.slice(-3000),
    ).toEqual(['Yes']);
    const started = eventsOf(night.events, 'agent-started', name);
    expect(started[0]?.host).toBe(place);
    if (place) expect(started[0]?.paneId).toMatch(new RegExp(`^${place}:%\\d+$`));
  });

  it.each(PLACES)('on %s: the force push is never approved, and is escalated', (place) => {
    const name = nameOf(place, 'risky');
    const answered = recorded(fleet, name).filter((r) => r.event === 'answered');
    expect(answered.map((r) => r.choice)).not.toContain('Yes');
    expect(eventsOf(night.events, 'escalation', name)).toContainEqual(
      expect.objectContaining({ kind: 'blocked-command', command: 'git push --force origin main' }),
    );
  });

  it("each host's node journaled its sends, replayed into the night's journal", () => {
    for (const host of ['box', 'gpu']) {
      const sent = eventsOf(night.events, 'host-event').filter((e) => e.host === host && e.event === 'sent');
      expect(sent.length, host).toBeGreaterThan(0);
      for (const e of sent) expect(e.paneId).toMatch(new RegExp(`^${host}:%`));
    }
  });

  it("remote pane logs are copied into the night's run directory, made with the pipe as a local log is", () => {
    // a copy that only appeared with the first bytes copied had each tick re-arm the pipe of a quiet remote pane
    expect(eventsOf(night.events, 'pipe-rearmed')).toEqual([]);
    for (const host of ['box', 'gpu']) {
      const file = join(night.runDir, 'logs', `${host}-safe.log`);
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain('npm test');
      // the node's own copy stays in its state dir
      const nodeCopy = join(
        fleet.dir,
        `${host}-node`,
        'nights',
        night.runDir.split('/').at(-1)!,
        'logs',
        `${host}-safe.log`,
      );
      expect(existsSync(nodeCopy), nodeCopy).toBe(true);
    }
  });

  it('one report groups the agents by host', () => {
    const hosts = night.report.slice(night.report.search(/^## Hosts/m));
    expect(hosts, night.report).toMatch(/^## Hosts/);
    expect(hosts).toMatch(/### box[^\n]*\n[\s\S]*box-safe[\s\S]*box-risky/);
    expect(hosts).toMatch(/### gpu[^\n]*\n[\s\S]*gpu-safe[\s\S]*gpu-risky/);
    expect(hosts).toMatch(/### this machine[^\n]*\n[\s\S]*here-safe[\s\S]*here-risky/);
  });
});
