// Faults injected for real in one night over a real sshd: the SSH link of a host is killed mid-night, then its node
// is killed; a host is down from the start; a host runs a nightshift that speaks another protocol. The rest runs,
// nothing is lost from the pane logs, and no dialog is answered twice.
import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { nightshift, repoRoot } from '../helpers/cli.js';
import { makeFleet } from '../helpers/fleet.js';
import { freePort, NIGHTSHIFT_HERE, startSshd, type TestSshd } from '../helpers/sshd.js';
import { BUILT_INS, eventsOf, fixtureAgent, recorded } from '../rescues-live/helpers.js';
import { killTmuxServer } from '../helpers/tmux-server.js';

const ASKS = "--command 'npm test' --count 12 --work 1500";

/** pids of this machine's processes whose command line starts with `start` and contains `part` */
async function pidsOf(start: string, part: string): Promise<number[]> {
  const ps = await execa('ps', ['-eo', 'pid=,args='], { reject: false });
  return String(ps.stdout)
    .split('\n')
    .map((l) => l.trim().match(/^(\d+) (.*)$/))
    .filter((m): m is RegExpMatchArray => !!m && m[2]!.startsWith(start) && m[2]!.includes(part))
    .map((m) => Number(m[1]));
}

/** The last `n` characters of `text`, marked as cut when they are not all of it. */
const tail = (text: string, n: number) => (text.length > n ? `…${text.slice(-n)}` : text);

/** The first `n` characters of `text`, marked as cut when they are not all of it. */
const head = (text: string, n: number) => (text.length > n ? `${text.slice(0, n)}…` : text);

/** Every file under `dir` with its size, one a line. */
function listing(dir: string): string {
  if (!existsSync(dir)) return `(${dir} does not exist)`;
  const lines: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else
        lines.push(
          `${relative(dir, path)} ${entry.isFile() ? statSync(path).size : entry.isSymbolicLink() ? '(link)' : '(other)'}`,
        );
    }
  };
  walk(dir);
  return lines.join('\n');
}

/** A file's text (its tail), or why there is none. */
const fileTail = (file: string, n: number) =>
  existsSync(file) ? tail(readFileSync(file, 'utf8'), n) : `(no ${file})`;

describe('faults on a fleet over SSH', () => {
  let sshd: TestSshd;
  const fleet = makeFleet(
    [
      fixtureAgent('here-asker', 'asks-permission', ASKS),
      fixtureAgent('box-asker', 'asks-permission', ASKS, { host: 'box' }),
      fixtureAgent('down-asker', 'asks-permission', ASKS, { host: 'down' }),
      fixtureAgent('old-asker', 'asks-permission', ASKS, { host: 'old' }),
    ],
    { plugins: BUILT_INS },
  );
  const boxState = join(fleet.dir, 'box-node');
  const boxSocket = `${fleet.socket}-box`;
  let result: Awaited<ReturnType<typeof nightshift>>;
  let events: ReturnType<typeof fleet.events> = [];
  let report = '';
  const killed: string[] = [];
  const night = () => fleet.runDir().split('/').at(-1)!;
  /**
   * What a failed run leaves to look at (printed once, with the first failure): the night's journal (without the
   * local agent's lines), what the remote agent recorded, the node's state dir and journal, the tail of the remote
   * pane log, the controller's warnings and its output. A failed CI run costs half an hour: the evidence is in its log.
   */
  const evidence = () =>
    [
      `faults injected: ${killed.join(', ') || 'none'}`,
      "--- the night's journal (here-asker's lines left out)",
      head(
        fleet
          .events(fleet.runDir())
          .filter((e) => !('agent' in e) || e.agent !== 'here-asker')
          .map((e) => JSON.stringify(e).slice(0, 500))
          .join('\n'),
        25_000,
      ),
      '--- box-asker.rec.jsonl (what the remote agent recorded)',
      fileTail(join(fleet.dir, 'box-asker.rec.jsonl'), 3000),
      `--- the node's state dir ${boxState}`,
      listing(boxState),
      "--- the node's journal",
      fileTail(join(boxState, 'node', 'journal.jsonl'), 4000),
      '--- the remote pane log (its tail, escapes stripped)',
      stripVTControlCharacters(fileTail(join(boxState, 'nights', night(), 'logs', 'box-asker.log'), 1500)),
      "--- the controller's warnings and errors (nightshift.log)",
      tail(
        (existsSync(join(fleet.dir, 'state', 'nightshift.log'))
          ? readFileSync(join(fleet.dir, 'state', 'nightshift.log'), 'utf8').split('\n')
          : []
        )
          .filter((l) => /"level":[456]\d/.test(l))
          .join('\n'),
        6000,
      ),
      "--- the controller's output",
      tail(String(result?.all ?? '(the night did not end)'), 8000),
    ].join('\n');
  let shown = false;
  afterEach(({ task }) => {
    if (task.result?.state !== 'fail' || shown) return;
    shown = true;
    console.error(`hosts-fleet evidence (first failure: ${task.name})\n${evidence()}`);
  });

  beforeAll(async () => {
    sshd = await startSshd();
    const config = parse(readFileSync(fleet.configFile, 'utf8')) as Record<string, unknown>;
    const nobody = await freePort();
    config.hosts = [
      { name: 'box', ssh: sshd.ssh, stateDir: boxState, nightshift: NIGHTSHIFT_HERE, socket: boxSocket },
      {
        name: 'down',
        ssh: `-F /dev/null -o ConnectTimeout=3 -p ${nobody} root@127.0.0.1`,
        socket: `${boxSocket}-down`,
      },
      {
        name: 'old',
        ssh: sshd.ssh,
        stateDir: join(fleet.dir, 'old-node'),
        nightshift: `${process.execPath} ${join(repoRoot, 'test', 'fixtures', 'hosts', 'old-nightshift.mjs')}`,
      },
    ];
    writeFileSync(fleet.configFile, stringify(config));
    const running = nightshift(['night', '--now', '--for', '60s', '--config', fleet.configFile], {
      cwd: fleet.dir,
    });
    let over = false;
    void running.finally(() => (over = true));
    const answered = () => recorded(fleet, 'box-asker').filter((r) => r.event === 'answered').length;
    // the link is cut once the first remote dialog was answered; the node is killed after the next one (a night
    // that ended first fails the assertions below, not this hook)
    for (let i = 0; i < 400 && !over && answered() < 1; i++) await sleep(250);
    for (const pid of await pidsOf('ssh ', boxState)) {
      process.kill(pid, 'SIGKILL');
      killed.push(`ssh ${pid}`);
    }
    const before = answered();
    for (let i = 0; i < 400 && !over && answered() <= before; i++) await sleep(250);
    for (const pid of await pidsOf(process.execPath, `--state-dir ${boxState}`)) {
      process.kill(pid, 'SIGKILL');
      killed.push(`node ${pid}`);
    }
    result = await running;
    events = fleet.events(fleet.runDir());
    report = readFileSync(join(fleet.runDir(), 'report.md'), 'utf8');
  }, 300_000);

  afterAll(async () => {
    await killTmuxServer(boxSocket);
    await sshd?.stop();
    await fleet.cleanup();
  });

  const links = (host: string, state: string) =>
    eventsOf(events, 'host-link').filter((e) => e.host === host && e.state === state);

  it('the night runs to its end, and the faults were injected', () => {
    expect(result.exitCode, result.all?.slice(-4000)).toBe(0);
    // and not on an error (which once was the host down at the start)
    expect(eventsOf(events, 'night-end').map((e) => e.reason)).toEqual(['duration']);
    // a pane adopted from a tmux server an earlier run left on the same socket shows no dialog all night
    const started = eventsOf(events, 'agent-started', 'box-asker');
    expect(started.map((e) => e.adopted)).toEqual([false]);
    const seen = JSON.stringify(eventsOf(events, 'host-link'), null, 1);
    expect(killed.filter((k) => k.startsWith('ssh')).length, seen).toBeGreaterThan(0);
    expect(killed.filter((k) => k.startsWith('node')).length).toBeGreaterThan(0);
  });

  it('the link cut and the node killed: each is journaled as lost, and the host comes back', () => {
    expect(links('box', 'lost').length).toBeGreaterThanOrEqual(2);
    expect(links('box', 'connected').length).toBeGreaterThanOrEqual(3);
  });

  it('no dialog is answered twice, and answering goes on after the faults', () => {
    const answered = recorded(fleet, 'box-asker').filter((r) => r.event === 'answered');
    const ids = answered.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(answered.every((r) => r.choice === 'Yes')).toBe(true);
    expect(answered.length).toBeGreaterThanOrEqual(3);
    const here = recorded(fleet, 'here-asker').filter((r) => r.event === 'answered');
    expect(here.length).toBeGreaterThanOrEqual(3);
  });

  it("nothing is lost: the controller's copy of the remote pane log is the node's, byte for byte", () => {
    const copy = readFileSync(join(fleet.runDir(), 'logs', 'box-asker.log'));
    const original = readFileSync(join(boxState, 'nights', night(), 'logs', 'box-asker.log'));
    expect(copy.length).toBeGreaterThan(1000);
    expect(copy.equals(original)).toBe(true);
  });

  it('a host down at the start is retried with backoff and reported; its agent never starts', () => {
    expect(links('down', 'unreachable').length).toBeGreaterThanOrEqual(2);
    expect(links('down', 'connected')).toEqual([]);
    expect(eventsOf(events, 'agent-started', 'down-asker')).toEqual([]);
    expect(report).toMatch(/### down — never reached/);
  });

  it('a host speaking another protocol is skipped with the fix, once, and the rest runs', () => {
    const skipped = links('old', 'skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.detail).toMatch(
      /nightshift 0\.0\.9 on old speaks node protocol 0.*install the same version/,
    );
    expect(eventsOf(events, 'agent-started', 'old-asker')).toEqual([]);
    expect(report).toContain('skipped: nightshift 0.0.9 on old');
  });
});
