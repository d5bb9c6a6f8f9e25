// Agents on other hosts, over a real sshd on loopback: `npx tsx bench/hosts.ts`
//   (HOSTS=4 PANES=16 ROUNDS=40 TICKS=20 INTERVAL=2000)
// 1. The added latency of a remote dialog answer: the actuator's look (a capture) then the answer's key, here vs over
//    SSH (where the node captures again and compares before it sends).
// 2. The controller's CPU per watch tick (the real tick: capture, classify, the default checks, journal, plugin
//    state) on HOSTS × PANES panes spread over the hosts, next to the same number of panes on this machine. Every
//    pane prints a line a second. The remote figure also counts what the controller spends between ticks on the
//    links (heartbeats, copying the pane logs, replaying the node journals): process CPU over the whole run / ticks.
// Hosts are state dirs and tmux sockets on this machine behind one sshd; everything started is stopped at the end.
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { openFleet, type Fleet } from '../core/hosts/fleet.js';
import { nightshiftVersion } from '../core/hosts/version.js';
import { createTmux } from '../core/tmux/index.js';
import type { Tmux } from '../core/tmux/types.js';
import { newAgentRuntime, type AgentRuntime } from '../core/watch/agent-runtime.js';
import { tick } from '../core/watch/tick.js';
import { NIGHTSHIFT_HERE, startSshd } from '../test/helpers/sshd.js';
import { machine, quantile, removeSocketFile } from './lib/stats.js';
import { benchWatch } from './lib/watch.js';

const HOSTS = Number(process.env.HOSTS ?? 4);
const PANES = Number(process.env.PANES ?? 16);
const ROUNDS = Number(process.env.ROUNDS ?? 40);
const TICKS = Number(process.env.TICKS ?? 20);
const INTERVAL = Number(process.env.INTERVAL ?? 2000);

const ms = (x: number, digits = 2) => `${x.toFixed(digits)} ms`;
const line = (label: string, xs: number[], digits = 2) =>
  `  ${label.padEnd(18)} median ${ms(quantile(xs, 0.5), digits)}  p95 ${ms(quantile(xs, 0.95), digits)}`;

/** A pane's program: a screenful, then a line a second (`cat` for the answer rounds). */
const CHATTER = `i=0; while :; do i=$((i+1)); echo "step $i: building module $i ..."; sleep 1; done`;

/** Creates one pane per runtime on `tmux` (routed by its window, the agent's name), piped to its log, started. */
async function bringUp(tmux: Tmux, runtimes: AgentRuntime[], dir: string): Promise<void> {
  for (const r of runtimes) {
    r.paneId = await tmux.createPane({
      session: 'bench',
      window: r.config.name,
      cwd: dir,
      cols: 120,
      rows: 40,
    });
    await tmux.pipe(r.paneId, r.logFile);
    await tmux.start(r.paneId, { command: r.config.command, cwd: dir });
  }
}

/** One answer as the actuator makes it: a fresh look at the pane, then one key (typed into `cat`). */
async function answerTimes(tmux: Tmux, pane: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < ROUNDS + 3; i++) {
    const t0 = performance.now();
    await tmux.capture([pane]);
    await tmux.sendKeys(pane, ['BSpace']);
    if (i >= 3) out.push(performance.now() - t0);
  }
  return out;
}

/** Runs TICKS real ticks INTERVAL apart: per-tick CPU and wall, and the process's CPU over the whole run per tick. */
async function ticks(config: Config, tmux: Tmux, runtimes: AgentRuntime[], dir: string) {
  const watch = await benchWatch({ config, tmux, dir });
  const cpu: number[] = [];
  const wall: number[] = [];
  const all0 = process.cpuUsage();
  for (let n = 0; n < TICKS; n++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await tick(runtimes, watch.deps);
    watch.state.flush();
    const c1 = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c1.user + c1.system) / 1000);
    await sleep(Math.max(0, INTERVAL - (performance.now() - t0)));
  }
  const all = process.cpuUsage(all0);
  watch.journal.close();
  const looked = runtimes.filter((r) => r.last).length;
  if (looked !== runtimes.length) throw new Error(`the tick looked at ${looked} of ${runtimes.length} panes`);
  return { cpu, wall, perTick: (all.user + all.system) / 1000 / TICKS };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ns-bench-hosts-'));
  mkdirSync(join(dir, 'logs'));
  const sshd = await startSshd();
  const socket = `ns-bench-${process.pid}`;
  const hostNames = Array.from({ length: HOSTS }, (_, i) => `h${i}`);
  const agent = (name: string, host?: string) => ({
    name,
    command: CHATTER,
    cwd: dir,
    profile: 'generic',
    ...(host ? { host } : {}),
  });
  const total = HOSTS * PANES;
  const { config } = resolveConfig(
    {
      timezone: 'UTC',
      stateDir: join(dir, 'state'),
      tmux: { socket, session: 'bench' },
      hosts: hostNames.map((name) => ({
        name,
        ssh: sshd.ssh,
        stateDir: join(dir, name),
        nightshift: NIGHTSHIFT_HERE,
        socket: `${socket}-${name}`,
      })),
      agents: [
        agent('answer-here'),
        ...hostNames.map((h) => agent(`answer-${h}`, h)),
        ...Array.from({ length: total }, (_, i) => agent(`here-${i}`)),
        ...hostNames.flatMap((h) => Array.from({ length: PANES }, (_, i) => agent(`${h}-${i}`, h))),
      ],
    },
    { cwd: dir, env: {} },
  );
  const runtime = (name: string) =>
    newAgentRuntime(
      config.agents.find((a) => a.name === name)!,
      join(dir, 'logs', `${name}.log`),
    );
  const local = createTmux({ socket, control: true, configFile: '/dev/null' });
  const fleet: Fleet = openFleet({
    local,
    hosts: config.hosts,
    agents: config.agents,
    socket,
    version: nightshiftVersion(),
    // setting up 64 panes on a loaded 2-core machine: room for slow answers (the figures are timed separately)
    link: { requestTimeoutMs: 120_000 },
  });
  for (const link of fleet.links)
    link.onEvent((e) => console.error(`[${link.host}] ${e.type}${'detail' in e ? `: ${e.detail}` : ''}`));
  try {
    await fleet.start();
    const down = fleet.links.filter((l) => l.state !== 'up').map((l) => `${l.host} (${l.state})`);
    if (down.length) throw new Error(`hosts not up after their first attempt: ${down.join(', ')}`);
    console.log(
      `hosts over loopback SSH: ${HOSTS} hosts × ${PANES} panes, ${ROUNDS} answer rounds, ${TICKS} ticks ${INTERVAL} ms apart`,
    );
    console.log(`  at start: ${machine()}\n`);

    const answerHere = runtime('answer-here');
    const answerRemote = runtime('answer-h0');
    for (const r of [answerHere, answerRemote]) {
      r.paneId = await fleet.tmux.createPane({
        session: 'bench',
        window: r.config.name,
        cwd: dir,
        cols: 120,
        rows: 40,
      });
      await fleet.tmux.start(r.paneId, { command: 'seq 1 30; exec cat', cwd: dir });
    }
    await sleep(1000);
    const here = await answerTimes(fleet.tmux, answerHere.paneId!);
    const remote = await answerTimes(fleet.tmux, answerRemote.paneId!);
    console.log('a dialog answer: the look, then the key (over SSH the node looks again before sending)');
    console.log(line('here', here));
    console.log(line('over SSH', remote));
    console.log(`  added              median ${ms(quantile(remote, 0.5) - quantile(here, 0.5))}`);
    console.log(`  (${machine()})\n`);

    const localRuntimes = Array.from({ length: total }, (_, i) => runtime(`here-${i}`));
    await bringUp(fleet.tmux, localRuntimes, dir);
    await sleep(2000);
    const l = await ticks(config, fleet.tmux, localRuntimes, dir);
    console.log(`a watch tick on ${total} panes on this machine (tmux control mode)`);
    console.log(line('tick CPU', l.cpu));
    console.log(line('tick wall', l.wall, 1));
    console.log(`  process CPU/tick   ${ms(l.perTick)}  (${machine()})`);
    for (const r of localRuntimes) await fleet.tmux.killPane(r.paneId!);

    const remoteRuntimes = hostNames.flatMap((h) =>
      Array.from({ length: PANES }, (_, i) => runtime(`${h}-${i}`)),
    );
    await bringUp(fleet.tmux, remoteRuntimes, dir);
    await sleep(2000);
    const r = await ticks(config, fleet.tmux, remoteRuntimes, dir);
    console.log(`a watch tick on ${total} panes on ${HOSTS} hosts over SSH (one capture request per host)`);
    console.log(line('tick CPU', r.cpu));
    console.log(line('tick wall', r.wall, 1));
    console.log(
      `  process CPU/tick   ${ms(r.perTick)}  (links, log copies, journal replay included; ${machine()})`,
    );
  } finally {
    await fleet.tmux.killServer().catch(() => undefined);
    await fleet.tmux.close().catch(() => undefined);
    for (const s of [socket, ...hostNames.map((h) => `${socket}-${h}`)]) {
      await execa('tmux', ['-L', s, 'kill-server'], { reject: false });
      removeSocketFile(s);
    }
    await sshd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
