// bench/tick-cpu: the runner's own CPU for one tick, without tmux (captures come from memory).
//   npx tsx bench/tick-cpu.ts [--panes 64] [--ticks 400] [--changing 1] [--pause 0] [--http 1 [--scrape-every 1000]]
// The same tick as bench/tick (real classifier, default checks, plugin host, guard, journal, plugin state flush) over
// a stub Tmux whose screens scroll like chatter.mjs. `--changing` is the share of panes whose screen changes per tick
// (1 = every pane, the busy-fleet worst case; 0 = a quiet fleet). `--pause` ms between ticks (a real night pauses a
// whole interval, and the runner's code and data go cold in the CPU caches meanwhile). No tmux server, so the figures
// are steadier than bench/tick's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveConfig } from '../config/load.js';
import { newAgentRuntime } from '../core/watch/agent-runtime.js';
import { tick } from '../core/watch/tick.js';
import type { RawCapture, Tmux } from '../core/tmux/types.js';
import { benchWatch } from './lib/watch.js';
import { benchEndpoint, type BenchEndpoint } from './lib/http.js';
import { machine, mean, numberArg, quantile } from './lib/stats.js';

const PANES = numberArg('panes', 64);
const TICKS = numberArg('ticks', 400);
const CHANGING = numberArg('changing', 1);
const PAUSE = numberArg('pause', 0);
/** 1: the status endpoint on, with a client in another process streaming the page and scraping every SCRAPE_MS */
const HTTP = numberArg('http', 0) === 1;
const SCRAPE_MS = numberArg('scrape-every', 1000);
const ROWS = 40;

/** A pane printing chatter lines: `rows` rows ending at line `n`. */
function chatterScreen(pane: number, n: number): string[] {
  const lines: string[] = [];
  for (let i = Math.max(1, n - ROWS + 2); i <= n; i++)
    lines.push(
      `[a${pane}] step ${i}: compiled ${i % 97} modules, ${i % 13} warnings, cache ${(i * 7) % 100}% warm`,
    );
  while (lines.length < ROWS) lines.push('');
  return lines;
}

/** A Tmux that answers captures from memory; everything else is unused by the tick. */
function stubTmux(step: () => number): Tmux {
  const pools = Array.from({ length: PANES }, (_, p) =>
    Array.from({ length: 64 }, (_, k) => chatterScreen(p, 100 + k)),
  );
  const capture = async (ids: readonly string[]) => {
    const n = step();
    const out = new Map<string, RawCapture>();
    ids.forEach((id, p) => {
      const changes = p < Math.round(CHANGING * PANES);
      const lines = [...pools[p]![changes ? n % 64 : 0]!];
      out.set(id, {
        paneId: id,
        lines,
        cursorX: 0,
        cursorY: ROWS - 1,
        cursorVisible: true,
        width: 120,
        height: ROWS,
        dead: false,
        deadStatus: undefined,
        inMode: false,
        alternateOn: false,
        currentCommand: 'node',
        pid: 1000 + p,
        tty: `/dev/pts/${p}`,
        piped: true,
      });
    });
    return out;
  };
  const unused = async () => {
    throw new Error('not used by the tick');
  };
  return new Proxy({ socket: undefined, capture } as unknown as Tmux, {
    get: (target, key) => (key in target ? target[key as keyof Tmux] : unused),
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ns-bench-tick-cpu-'));
  try {
    let n = 0;
    const tmux = stubTmux(() => n);
    const agents = Array.from({ length: PANES }, (_, i) => ({
      name: `agent-${String(i).padStart(2, '0')}`,
      command: 'node chatter.mjs',
      cwd: dir,
      profile: 'generic',
    }));
    const { config } = resolveConfig(
      { timezone: 'UTC', stateDir: join(dir, 'state'), tmux: { session: 'bench' }, agents },
      { cwd: dir, env: {} },
    );
    const runtimes = config.agents.map((a, i) => {
      const r = newAgentRuntime(a, join(dir, `${a.name}.log`));
      r.paneId = `%${i}`;
      writeFileSync(r.logFile, '');
      return r;
    });
    let endpoint: BenchEndpoint | undefined;
    const watch = await benchWatch({ config, tmux, dir, onEvent: (e) => endpoint?.event(e) });
    if (HTTP) {
      endpoint = await benchEndpoint({
        config,
        agents: runtimes,
        watch: watch.deps,
        runDir: dir,
        scrapeMs: SCRAPE_MS,
      });
      await sleep(1000); // the client connected
    }
    const process0 = process.cpuUsage();
    const loop0 = performance.now();
    const cpu: number[] = [];
    const wall: number[] = [];
    for (; n < TICKS; n++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await tick(runtimes, watch.deps);
      endpoint?.tick(performance.now() - t0);
      watch.state.flush();
      const c1 = process.cpuUsage(c0);
      wall.push(performance.now() - t0);
      cpu.push((c1.user + c1.system) / 1000);
      if (PAUSE) await sleep(PAUSE);
    }
    const processCpu = process.cpuUsage(process0);
    const loopSeconds = (performance.now() - loop0) / 1000;
    const tally = await endpoint?.close();
    watch.journal.close();
    const warm = cpu.slice(Math.floor(TICKS / 4)); // after the JIT has settled
    const warmWall = wall.slice(Math.floor(TICKS / 4));
    console.log(
      `${PANES} panes, ${TICKS} ticks, ${Math.round(CHANGING * 100)}% of panes changing per tick, ${PAUSE} ms between ticks (${machine()})`,
    );
    console.log(
      `runner CPU ms/tick: median ${quantile(warm, 0.5).toFixed(2)}, mean ${mean(warm).toFixed(2)}, p95 ${quantile(warm, 0.95).toFixed(2)}; wall ms median ${quantile(warmWall, 0.5).toFixed(2)}`,
    );
    console.log(
      `runner process CPU over the ${loopSeconds.toFixed(1)} s of ticks (ticks and everything between them): ${((processCpu.user + processCpu.system) / 1000 / TICKS).toFixed(2)} ms per tick`,
    );
    if (tally)
      console.log(
        `status endpoint on: a client in another process scraped /metrics and /api/status every ${SCRAPE_MS} ms (${tally.scrapes} answered, ${tally.failed} failed) and read the live stream (${tally.streamEvents} status events, ${Math.round(tally.streamBytes / 1024)} KiB)`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
