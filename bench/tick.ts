// bench/tick: the cost of one full watch tick on a fleet of 64 busy panes, next to the shell loop users replace.
//   npx tsx bench/tick.ts [--panes 64] [--seconds 60] [--interval 1000]
// A private tmux server runs `--panes` fixture agents printing continuously. Each second nightshift runs a
// full tick (snapshot every pane over one control-mode connection, classify, the default checks, journal).
// The reference is the loop from the seed design: for each pane, spawn `tmux capture-pane -p | grep -E …`.
// Reported: median/p95 wall ms per tick, runner CPU ms per tick, tmux server CPU ms per tick, runner RSS over time.
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { resolveConfig } from '../config/load.js';
import { newAgentRuntime } from '../core/agent-runtime.js';
import { BUILTINS } from '../core/commands/builtins.js';
import { createGuard } from '../core/guard/index.js';
import { Journal } from '../core/journal.js';
import { loadPlugins } from '../core/plugin/loader.js';
import { PluginStateStore } from '../core/plugin/state.js';
import { classify } from '../core/screen/index.js';
import { tick } from '../core/tick.js';
import { createTmux } from '../core/tmux/index.js';
import { createWatch } from '../core/watch.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PANES = arg('panes', 64);
const SECONDS = arg('seconds', 60);
const INTERVAL = arg('interval', 1000);
const REFERENCE_TICKS = arg('reference-ticks', 10);
const CHECKS = ['exited', 'idle', 'prompt', 'error', 'usage-limit'];

const stat = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
};
/** CPU ms used by a process (utime+stime), or by its waited-for children (cutime+cstime), from /proc. */
function procCpuMs(pid: number | 'self', children = false): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const [u, s] = children ? [fields[13], fields[14]] : [fields[11], fields[12]];
  return ((Number(u) + Number(s)) * 1000) / 100; // clock ticks of 10 ms
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ns-bench-tick-'));
  const socket = `ns-bench-${process.pid}`;
  const tmux = createTmux({ socket, control: true, configFile: '/dev/null' });
  const chatter = join(process.cwd(), 'examples', 'agents', 'chatter.mjs');
  const agents = Array.from({ length: PANES }, (_, i) => ({
    name: `agent-${String(i).padStart(2, '0')}`,
    command: `node ${chatter} --name a${i} --every 200`,
    cwd: dir,
    profile: 'generic',
    size: { cols: 120, rows: 40 },
  }));
  const { config } = resolveConfig(
    { timezone: 'UTC', stateDir: join(dir, 'state'), tmux: { socket, session: 'bench' }, agents },
    { cwd: dir, env: {} },
  );
  try {
    const runtimes = config.agents.map((a) => newAgentRuntime(a, join(dir, `${a.name}.log`)));
    for (const agent of runtimes) {
      agent.paneId = await tmux.createPane({
        session: 'bench',
        window: agent.config.name,
        cwd: dir,
        cols: 120,
        rows: 40,
      });
      await tmux.pipe(agent.paneId, agent.logFile);
      await tmux.start(agent.paneId, { command: agent.config.command, cwd: dir });
    }
    const serverPid = Number(
      (await execa('tmux', ['-L', socket, 'display-message', '-p', '#{pid}'])).stdout.trim(),
    );
    await sleep(2000); // let every agent print its first screens

    const plugins = await loadPlugins({ entries: CHECKS, builtins: BUILTINS, defaults: [], dir });
    const journal = new Journal(join(dir, 'events.jsonl'));
    const now = () => new Date();
    const deps = createWatch({
      config,
      plugins,
      tmux,
      guard: createGuard(),
      classify: (s, a, previous) =>
        classify(s, { profile: a.profile, profiles: config.profiles, timezone: 'UTC', now: s.at, previous }),
      journal: (e) => void journal.append(e),
      log: pino({ level: 'silent' }),
      state: new PluginStateStore(config.stateDir, 'bench'),
      night: { id: 'bench', runDir: dir, start: now(), end: new Date(Date.now() + 3_600_000) },
      now,
      sleep: (ms) => sleep(ms),
      signal: new AbortController().signal,
      lookAgain: () => undefined,
    });

    const wall: number[] = [];
    const cpu: number[] = [];
    const server: number[] = [];
    const rss: { t: number; mb: number }[] = [];
    const started = Date.now();
    while (Date.now() - started < SECONDS * 1000) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const s0 = procCpuMs(serverPid);
      await tick(runtimes, deps);
      const c1 = process.cpuUsage(c0);
      wall.push(performance.now() - t0);
      cpu.push((c1.user + c1.system) / 1000);
      server.push(procCpuMs(serverPid) - s0);
      if (rss.length === 0 || Date.now() - started >= rss.length * 10_000)
        rss.push({
          t: Math.round((Date.now() - started) / 1000),
          mb: Math.round(process.memoryUsage().rss / 1e6),
        });
      await sleep(Math.max(0, INTERVAL - (performance.now() - t0)));
    }
    journal.close();

    const refWall: number[] = [];
    const refCpu: number[] = [];
    const refServer: number[] = [];
    const grep = 'Do you want|\\[y/N\\]|\\(y/n\\)|Password|limit reached|Error:';
    for (let n = 0; n < REFERENCE_TICKS; n++) {
      const t0 = performance.now();
      const c0 = procCpuMs('self', true);
      const s0 = procCpuMs(serverPid);
      for (const agent of runtimes) {
        await execa('sh', [
          '-c',
          `tmux -L ${socket} capture-pane -p -t '${agent.paneId}' | grep -E '${grep}' || true`,
        ]);
      }
      refWall.push(performance.now() - t0);
      refCpu.push(procCpuMs('self', true) - c0);
      refServer.push(procCpuMs(serverPid) - s0);
      await sleep(Math.max(0, INTERVAL - (performance.now() - t0)));
    }

    const row = (name: string, w: number[], c: number[], s: number[]) =>
      `| ${name} | ${stat(w, 0.5).toFixed(1)} | ${stat(w, 0.95).toFixed(1)} | ${stat(c, 0.5).toFixed(1)} | ${stat(s, 0.5).toFixed(1)} | ${(stat(c, 0.5) + stat(s, 0.5)).toFixed(1)} |`;
    console.log(
      `\n${PANES} panes, ${wall.length} nightshift ticks over ${SECONDS}s, ${refWall.length} reference ticks (Node ${process.version}, ${process.platform})\n`,
    );
    console.log(
      '| approach | wall ms median | wall ms p95 | runner CPU ms/tick | tmux server CPU ms/tick | total CPU ms/tick |',
    );
    console.log('|---|---|---|---|---|---|');
    console.log(row('nightshift tick (control mode, classify, 5 checks, journal)', wall, cpu, server));
    console.log(row('reference: spawn `tmux capture-pane | grep` per pane', refWall, refCpu, refServer));
    const ratio = (stat(refCpu, 0.5) + stat(refServer, 0.5)) / (stat(cpu, 0.5) + stat(server, 0.5));
    console.log(`\nCPU ratio reference / nightshift: ${ratio.toFixed(1)}×`);
    console.log(`runner RSS (MB) over time: ${rss.map((r) => `${r.t}s ${r.mb}`).join(', ')}`);
  } finally {
    await tmux.killServer().catch(() => undefined);
    await tmux.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
