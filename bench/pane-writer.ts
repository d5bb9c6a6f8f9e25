// The pipe-pane writer's cost per pane: memory of an idle writer and CPU per 100 MB written, for plain `cat` and for
// the capping writer (core/logs/pane-writer.mjs), run the way tmux runs them (`sh -c`, output on stdin).
//
//   npx tsx bench/pane-writer.ts [--mb 100] [--cap 20]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { paneWriterCommand } from '../core/logs/pane-writer.js';
import { machine, numberArg, procCpuMs } from './lib/stats.js';

const MB = numberArg('mb', 100);
const CAP = numberArg('cap', 20);
const dir = mkdtempSync(join(tmpdir(), 'ns-bench-writer-'));
const block = Buffer.alloc(64 * 1024, 'x\n'.repeat(32 * 1024));

/** VmRSS and RssAnon (private memory) of a process, in MB. */
function memory(pid: number): { rss: number; anon: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
  return { rss: kb('VmRSS'), anon: kb('RssAnon') };
}

async function measure(name: string, maxBytes: number | undefined) {
  const file = join(dir, `${name}.log`);
  // `exec` in the command makes the shell become the writer: its pid is the writer's
  const child = spawn('/bin/sh', ['-c', paneWriterCommand(file, maxBytes)], {
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  await sleep(1500);
  const idle = memory(child.pid!);
  const before = procCpuMs(child.pid!);
  const started = process.hrtime.bigint();
  let peak = idle;
  const sample = setInterval(() => {
    const now = memory(child.pid!);
    peak = { rss: Math.max(peak.rss, now.rss), anon: Math.max(peak.anon, now.anon) };
  }, 20);
  for (let sent = 0; sent < MB * 1024 * 1024; sent += block.length)
    if (!child.stdin!.write(block)) await new Promise((r) => child.stdin!.once('drain', r));
  await sleep(200);
  clearInterval(sample);
  const cpu = procCpuMs(child.pid!) - before;
  const busy = peak;
  child.stdin!.end();
  await new Promise((r) => child.once('exit', r));
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    `${name.padEnd(22)} idle RSS ${idle.rss.toFixed(1)} MB (private ${idle.anon.toFixed(1)} MB)  peak while writing ${MB} MB: RSS ${busy.rss.toFixed(1)} MB (private ${busy.anon.toFixed(1)} MB)  CPU ${cpu.toFixed(0)} ms (${((cpu / MB) * 100).toFixed(0)} ms per 100 MB)  wall ${wall.toFixed(0)} ms`,
  );
}

console.log(machine());
try {
  await measure('cat (no cap)', undefined);
  await measure(`capping writer ${CAP} MB`, CAP * 1024 * 1024);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
