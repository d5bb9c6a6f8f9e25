// Transcript throughput and memory: generates a TUI-like pane log (spinner blocks redrawn in place,
// coloured permanent lines, full clears with a reprint, full-screen program sessions) and replays
// it through the headless terminal, streaming. Prints MB/s and peak memory for a quarter of the log
// and for all of it: memory must stay flat as the log grows.
// Run: npx tsx bench/transcript.ts [MB]   (default 200)
// The full log is also replayed in a child process whose heap is capped at 48 MB: it must finish.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import xterm from '@xterm/headless';
import { availableParallelism } from 'node:os';
import { createTranscriptPool, replayLog, summarizeTranscript } from '../reports/index.js';

const targetMB = Number(process.argv[2] ?? 200);
const HEAP_CAP_MB = 48;
const SPIN = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const COLS = 160;
const ROWS = 50;

/** One step of a Claude-Code-like session: a few redraws of the status block, then permanent output. */
function step(i: number): string {
  let s = '';
  for (let f = 0; f < 6; f++) {
    // erase the previous frame of the block (none before the first: the cursor is on a fresh line)
    s += f === 0 ? '\x1b[2K\r' : '\x1b[2K\x1b[1A\x1b[2K\x1b[1A\x1b[2K\r';
    s += `\x1b[38;5;208m${SPIN[(i + f) % 10]}\x1b[0m Working… (${i % 600}s · ↓ ${i * 7 + f} tokens · esc to interrupt)\r\n\r\n\x1b[2m>\x1b[0m `;
  }
  s += '\x1b[2K\x1b[1A\x1b[2K\x1b[1A\x1b[2K\r';
  s += `\x1b[1;32m●\x1b[0m Update(src/module-${i % 97}/file-${i % 13}.ts)\r\n`;
  s += `  ⎿  Updated src/module-${i % 97}/file-${i % 13}.ts with ${i % 40} additions and ${i % 7} removals\r\n`;
  if (i % 9 === 0)
    s += `     \x1b[31mError: expected ${i} to equal ${i + 1}\x1b[0m at test/case-${i % 50}.test.ts:${i % 300}:7\r\n`;
  if (i % 2000 === 1999) {
    // a redraw: clear screen and history, reprint the last lines (Claude Code does this on resize and compaction)
    s += '\x1b[2J\x1b[3J\x1b[H';
    for (let k = 30; k > 0; k--)
      s += `\x1b[1;32m●\x1b[0m Update(src/module-${(i - k) % 97}/file-${(i - k) % 13}.ts)\r\n`;
  }
  if (i % 5000 === 4999) {
    // a full-screen program for a while
    s += '\x1b[?1049h';
    for (let frame = 0; frame < 20; frame++) {
      s += '\x1b[?2026h\x1b[H';
      for (let r = 1; r <= ROWS; r++)
        s += `\x1b[${r};1H\x1b[48;5;${(frame + r) % 256}m row ${r} of frame ${frame} ${'·'.repeat(100)}\x1b[0m\x1b[K`;
      s += '\x1b[?2026l';
    }
    s += '\x1b[?1049l';
  }
  return s;
}

async function generate(file: string, bytes: number): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  let i = 0;
  while (written < bytes) {
    let batch = '';
    while (batch.length < 1 << 20) batch += step(i++);
    const b = Buffer.from(batch);
    written += b.length;
    if (!out.write(b)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return written;
}

/** Runs `fn` while sampling memory every 20 ms; returns its duration and the peaks. */
async function measured(
  fn: () => Promise<unknown>,
): Promise<{ ms: number; rss: number; heap: number; external: number }> {
  const peak = { rss: 0, heap: 0, external: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
    peak.external = Math.max(peak.external, m.external + m.arrayBuffers);
  };
  const timer = setInterval(sample, 20);
  const t = performance.now();
  await fn();
  const ms = performance.now() - t;
  clearInterval(timer);
  sample();
  return { ms, ...peak };
}

/** Child mode: replay one log and print its figures as JSON. */
if (process.argv[2] === '--replay') {
  const file = process.argv[3]!;
  let lines = 0;
  const r = await measured(() => replayLog(file, { size: { cols: COLS, rows: ROWS } }, () => lines++));
  console.log(JSON.stringify({ ...r, lines, size: statSync(file).size }));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'ns-bench-transcript-'));
try {
  const full = join(dir, 'agent.log');
  const quarter = join(dir, 'quarter.log');
  const t = performance.now();
  await generate(quarter, (targetMB * 1e6) / 4);
  await generate(full, targetMB * 1e6);
  console.log(
    `generated ${(statSync(full).size / 1e6).toFixed(0)} MB TUI log (+ a quarter-size one) in ${((performance.now() - t) / 1000).toFixed(1)} s; pane ${COLS}x${ROWS}`,
  );
  // warm up the JIT on a small log so the figures are steady-state
  await replayLog(
    quarter,
    { size: { cols: COLS, rows: ROWS }, from: Math.max(0, statSync(quarter).size - 5e6) },
    () => {},
  );
  const mb = (n: number) => (n / 1e6).toFixed(0);
  for (const [name, file] of [
    ['quarter', quarter],
    ['full', full],
  ] as const) {
    const size = statSync(file).size;
    let lines = 0;
    const replay = await measured(() => replayLog(file, { size: { cols: COLS, rows: ROWS } }, () => lines++));
    console.log(
      `replayLog ${name.padEnd(7)} ${mb(size).padStart(4)} MB: ${(size / 1e6 / (replay.ms / 1000)).toFixed(1)} MB/s, ${lines} transcript lines, peak RSS ${mb(replay.rss)} MB, heap ${mb(replay.heap)} MB, buffers ${mb(replay.external)} MB`,
    );
  }
  const size = statSync(full).size;
  const capped = JSON.parse(
    execFileSync(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_CAP_MB}`,
        '--import',
        'tsx',
        new URL(import.meta.url).pathname,
        '--replay',
        full,
      ],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    ).trim(),
  ) as { ms: number; rss: number; heap: number; lines: number };
  console.log(
    `replayLog full, heap capped at ${HEAP_CAP_MB} MB (child process): finished, ${(size / 1e6 / (capped.ms / 1000)).toFixed(1)} MB/s, peak heap ${mb(capped.heap)} MB, peak RSS ${mb(capped.rss)} MB`,
  );
  // the emulator alone, for comparison: what the harvesting costs on top
  const bare = await measured(async () => {
    const terminal = new xterm.Terminal({ cols: COLS, rows: ROWS, scrollback: 200, allowProposedApi: true });
    for await (const chunk of createReadStream(full, { highWaterMark: 256 * 1024 })) {
      await new Promise<void>((resolve) => terminal.write(chunk as Buffer, resolve));
    }
    terminal.dispose();
  });
  console.log(
    `bare @xterm/headless     full: ${(size / 1e6 / (bare.ms / 1000)).toFixed(1)} MB/s (no harvesting), peak RSS ${mb(bare.rss)} MB`,
  );
  let summaryLines = 0;
  const summary = await measured(async () => {
    const s = await summarizeTranscript(full, { size: { cols: COLS, rows: ROWS }, maxBytes: size });
    summaryLines = s.lines;
  });
  console.log(
    `summarizeTranscript (redaction, tail, errors) full: ${(size / 1e6 / (summary.ms / 1000)).toFixed(1)} MB/s, ${summaryLines} lines, peak RSS ${mb(summary.rss)} MB`,
  );
  // 16 logs, side by side: one after another in this thread, then through a pool of worker threads (one per core)
  const logs = Array.from({ length: 16 }, (_, i) => join(dir, `fleet-${i}.log`));
  for (const log of logs) await generate(log, (targetMB * 1e6) / 16);
  const fleetBytes = logs.reduce((n, log) => n + statSync(log).size, 0);
  const options = { size: { cols: COLS, rows: ROWS }, maxBytes: fleetBytes };
  const oneThread = await measured(async () => {
    for (const log of logs) await summarizeTranscript(log, options);
  });
  const pool = createTranscriptPool();
  const inPool = await measured(() => Promise.all(logs.map((log) => pool.summarize(log, options))));
  await pool.close();
  const rate = (ms: number) => fleetBytes / 1e6 / (ms / 1000);
  console.log(
    `16 logs, ${mb(fleetBytes)} MB: one thread ${rate(oneThread.ms).toFixed(1)} MB/s; pool of ${pool.size} workers (${availableParallelism()} cores) ${rate(inPool.ms).toFixed(1)} MB/s = ${(oneThread.ms / inPool.ms).toFixed(2)}x, peak RSS ${mb(inPool.rss)} MB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
