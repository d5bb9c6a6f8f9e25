// bench/tick: the cost of one full watch tick on a fleet of 64 busy panes, next to the shell loop users replace.
//   npx tsx bench/tick.ts [--panes 64] [--seconds 60] [--interval 1000] [--reference-ticks 10] [--every 200]
//     [--http 1 [--scrape-every 1000]] [--carry 1]
// A private tmux server runs `--panes` fixture agents printing a line every `--every` ms (200: every screen changes
// between two ticks, the worst case; 3600000: a quiet fleet). Each second nightshift runs a
// full tick (snapshot every pane over one control-mode connection, classify, the default checks, journal,
// plugin state flush). The reference is the loop from the seed design: for each pane, spawn
// `tmux capture-pane -p | grep -E …`.
// Reported: median/p95 wall ms per tick and how much of it is the capture round trip, runner CPU ms per tick,
// tmux server CPU ms per tick (what the server spent during ticks beyond its background rate of taking in the agents'
// output, measured over a quiet window first; /proc counts in 10 ms steps, so it is a mean), runner RSS over time.
// `--carry 1` (the default) ticks as a night does: a pane whose pipe-pane log did not change since its last capture keeps
// its screen without a capture, within the safety net (core/watch/capture-choice.ts); `--carry 0` captures every pane on
// every tick (the tick before that change).
// `--http 1` runs the status endpoint in the runner with a client connected (bench/lib/http.ts): compare the runner's
// CPU per tick and per second with and without it.
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveConfig } from '../config/load.js';
import { newAgentRuntime } from '../core/watch/agent-runtime.js';
import { tick } from '../core/watch/tick.js';
import { createTmux } from '../core/tmux/index.js';
import type { Tmux } from '../core/tmux/types.js';
import { machine, mean, numberArg, procCpuMs, quantile, removeSocketFile } from './lib/stats.js';
import { benchWatch } from './lib/watch.js';
import { benchEndpoint, type BenchEndpoint } from './lib/http.js';

const PANES = numberArg('panes', 64);
const SECONDS = numberArg('seconds', 60);
const INTERVAL = numberArg('interval', 1000);
const REFERENCE_TICKS = numberArg('reference-ticks', 10);
const EVERY = numberArg('every', 200);
const CPU_WINDOW = SECONDS >= 300 ? 60 : 10;
const gc = (globalThis as { gc?: () => void }).gc;
/** 1: the status endpoint on, with a client in another process streaming the page and scraping every SCRAPE_MS */
const HTTP = numberArg('http', 0) === 1;
const SCRAPE_MS = numberArg('scrape-every', 1000);
/** 1: carry the screens of panes whose log did not change, as a night does; 0: capture every pane every tick */
const CARRY = numberArg('carry', 1) === 1;
const RSS_EVERY_MS = numberArg('rss-every', SECONDS >= 300 ? 60 : 10) * 1000;

/** Per-tick measurements of one approach. */
interface Series {
  wall: number[];
  capture: number[];
  cpu: number[];
  /** runner CPU ms spent inside the capture (writing the batch, reading and parsing the answers) */
  captureCpu: number[];
  /** panes captured per tick */
  captured: number[];
  /** tmux server CPU ms during the ticks */
  server: number;
}

/** The tmux server's CPU ms per second while nobody asks it anything (taking in the agents' output). */
async function backgroundRate(serverPid: number, ms: number): Promise<number> {
  const c0 = procCpuMs(serverPid);
  const t0 = performance.now();
  await sleep(ms);
  return (procCpuMs(serverPid) - c0) / ((performance.now() - t0) / 1000);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ns-bench-tick-'));
  const socket = `ns-bench-${process.pid}`;
  const tmux = createTmux({ socket, control: true, configFile: '/dev/null' });
  const chatter = join(process.cwd(), 'examples', 'agents', 'chatter.mjs');
  const agents = Array.from({ length: PANES }, (_, i) => ({
    name: `agent-${String(i).padStart(2, '0')}`,
    command: `node ${chatter} --name a${i} --every ${EVERY}`,
    cwd: dir,
    profile: 'generic',
    size: { cols: 120, rows: 40 },
  }));
  const { config } = resolveConfig(
    { timezone: 'UTC', stateDir: join(dir, 'state'), tmux: { socket, session: 'bench' }, agents },
    { cwd: dir, env: {} },
  );
  try {
    const runtimes = config.agents.map((a) => newAgentRuntime(a, join(dir, 'logs', `${a.name}.log`)));
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
    const background = await backgroundRate(serverPid, 5000);

    // the capture round trip, timed inside the tick
    let captureMs = 0;
    let captureCpu = 0;
    let capturedPanes = 0;
    const timed: Tmux = Object.create(tmux) as Tmux;
    timed.capture = async (ids) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const out = await tmux.capture(ids);
      capturedPanes = ids.length;
      const c1 = process.cpuUsage(c0);
      captureCpu = (c1.user + c1.system) / 1000;
      captureMs = performance.now() - t0;
      return out;
    };
    let endpoint: BenchEndpoint | undefined;
    const watch = await benchWatch({ config, tmux: timed, dir, onEvent: (e) => endpoint?.event(e) });
    if (HTTP)
      endpoint = await benchEndpoint({
        config,
        agents: runtimes,
        watch: watch.deps,
        runDir: dir,
        scrapeMs: SCRAPE_MS,
      });
    await sleep(HTTP ? 1000 : 0); // the client connected
    const process0 = process.cpuUsage();
    const loop0 = performance.now();
    const ns: Series = { wall: [], capture: [], cpu: [], captureCpu: [], captured: [], server: 0 };
    const rss: { t: number; mb: number; heap: number }[] = [];
    const started = Date.now();
    while (Date.now() - started < SECONDS * 1000) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const s0 = procCpuMs(serverPid);
      captureMs = 0;
      captureCpu = 0;
      capturedPanes = 0;
      await tick(runtimes, watch.deps, { carryQuiet: CARRY });
      endpoint?.tick(performance.now() - t0);
      watch.state.flush();
      const c1 = process.cpuUsage(c0);
      ns.server += procCpuMs(serverPid) - s0;
      ns.wall.push(performance.now() - t0);
      ns.capture.push(captureMs);
      ns.captureCpu.push(captureCpu);
      ns.captured.push(capturedPanes);
      ns.cpu.push((c1.user + c1.system) / 1000);
      if (rss.length === 0 || Date.now() - started >= rss.length * RSS_EVERY_MS) {
        gc?.(); // with --expose-gc (npm run bench does it): the live heap, outside the tick's timing
        const memory = process.memoryUsage();
        rss.push({
          t: Math.round((Date.now() - started) / 1000),
          mb: Math.round(memory.rss / 1e6),
          heap: Math.round(memory.heapUsed / 1e6),
        });
      }
      await sleep(Math.max(0, INTERVAL - (performance.now() - t0)));
    }
    const processCpu = process.cpuUsage(process0);
    const loopSeconds = (performance.now() - loop0) / 1000;
    const tally = await endpoint?.close();
    watch.journal.close();

    const ref: Series = { wall: [], capture: [], cpu: [], captureCpu: [], captured: [], server: 0 };
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
      ref.wall.push(performance.now() - t0);
      ref.capture.push(NaN);
      ref.captureCpu.push(NaN);
      ref.captured.push(PANES);
      ref.cpu.push(procCpuMs('self', true) - c0);
      ref.server += procCpuMs(serverPid) - s0;
      await sleep(Math.max(0, INTERVAL - (performance.now() - t0)));
    }

    const serverPerTick = (s: Series) =>
      Math.max(0, s.server - (background * s.wall.reduce((a, b) => a + b, 0)) / 1000) / s.wall.length;
    const total = (s: Series) => mean(s.cpu) + serverPerTick(s);
    const row = (name: string, s: Series) =>
      `| ${name} | ${quantile(s.wall, 0.5).toFixed(1)} | ${quantile(s.wall, 0.95).toFixed(1)} | ${quantile(s.capture, 0.5).toFixed(1)} | ${quantile(s.cpu, 0.5).toFixed(1)} / ${mean(s.cpu).toFixed(1)} | ${quantile(s.captureCpu, 0.5).toFixed(1)} | ${serverPerTick(s).toFixed(1)} | ${total(s).toFixed(1)} |`;
    console.log(
      `\n${PANES} panes printing every ${EVERY} ms, ${ns.wall.length} nightshift ticks over ${SECONDS}s, ${ref.wall.length} reference ticks (${machine()})\n`,
    );
    console.log(
      '| approach | wall ms median | wall ms p95 | capture round trip ms median | runner CPU ms/tick median / mean | of which in the capture (median) | tmux server CPU ms/tick | total CPU ms/tick (mean) |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    console.log(row('nightshift tick (control mode, classify, 5 checks, journal)', ns));
    if (ref.wall.length) {
      console.log(row('reference: spawn `tmux capture-pane | grep` per pane', ref));
      console.log(`\nCPU ratio reference / nightshift: ${(total(ref) / total(ns)).toFixed(1)}×`);
    }
    console.log(
      `panes captured per tick (${CARRY ? 'quiet panes carried, as in a night' : 'every pane, --carry 0'}): median ${quantile(ns.captured, 0.5)}, mean ${mean(ns.captured).toFixed(1)}, min ${Math.min(...ns.captured)}, max ${Math.max(...ns.captured)} of ${PANES}`,
    );
    console.log(
      `runner process CPU over the ticks' ${loopSeconds.toFixed(0)} s (ticks and everything between them): ${((processCpu.user + processCpu.system) / 1000 / loopSeconds).toFixed(1)} ms per second`,
    );
    if (tally)
      console.log(
        `status endpoint on: a client in another process scraped /metrics and /api/status every ${SCRAPE_MS} ms (${tally.scrapes} answered, ${tally.failed} failed) and read the live stream (${tally.streamEvents} status events, ${Math.round(tally.streamBytes / 1024)} KiB)`,
      );
    console.log(
      `tmux server background (agents' output, no ticks): ${background.toFixed(0)} ms CPU per second`,
    );
    console.log(
      `journal events during the ticks: ${[...watch.events].map(([type, n]) => `${type} ${n}`).join(', ') || 'none'}`,
    );
    const perWindow: string[] = [];
    for (let i = 0; i < ns.cpu.length; i += CPU_WINDOW)
      perWindow.push(quantile(ns.cpu.slice(i, i + CPU_WINDOW), 0.5).toFixed(1));
    console.log(`runner CPU ms/tick, median of each ${CPU_WINDOW} ticks: ${perWindow.join(', ')}`);
    console.log(`runner RSS (MB) over time: ${rss.map((r) => `${r.t}s ${r.mb}`).join(', ')}`);
    if (gc) console.log(`runner heap used after GC (MB): ${rss.map((r) => `${r.t}s ${r.heap}`).join(', ')}`);
  } finally {
    await tmux.killServer().catch(() => undefined);
    await tmux.close().catch(() => undefined);
    removeSocketFile(socket);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
