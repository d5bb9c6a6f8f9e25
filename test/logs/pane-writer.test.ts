// The pipe-pane writer as tmux runs it: a shell command, output on its stdin, the log on disk.
import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { paneWriterCommand, runningWriters } from '../../core/logs/pane-writer.js';
import { readLogCut } from '../../reports/transcript/log-cut.js';
import { waitFor } from '../helpers/wait.js';

const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'ns-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Numbered lines, `bytes` of them in all, ending with a line that names `token`. */
function output(bytes: number, token: string): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let n = 1; size < bytes; n++) {
    const line = `line ${String(n).padStart(9, '0')} ${'y'.repeat(50)}\n`;
    lines.push(line);
    size += line.length;
  }
  lines.push(`LAST ${token}\n`);
  return Buffer.from(lines.join(''));
}

/** True once the `sh -c` at `pid` has exec'd the writer (the command execs it, so the pid stays the same). */
function runsWriter(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pane-writer.mjs');
  } catch {
    return false; // gone
  }
}

/** Runs the writer command the way tmux does (`sh -c`), feeding it `input`. */
async function write(file: string, maxBytes: number | undefined, input: Buffer) {
  await execa('/bin/sh', ['-c', paneWriterCommand(file, maxBytes)], { input, umask: 0o022 } as never);
}

describe('pane log writer', () => {
  const cases = [
    { name: 'no cap: every byte, in order', cap: undefined, bytes: 3 * MB, cut: false },
    { name: 'under the cap: every byte', cap: 5 * MB, bytes: 2 * MB, cut: false },
    {
      name: 'ten times the cap: the start, a marker, the latest output',
      cap: 5 * MB,
      bytes: 50 * MB,
      cut: true,
    },
  ];
  for (const c of cases)
    it(c.name, async () => {
      const file = join(dir, `${c.bytes}-${c.cap ?? 0}.log`);
      const input = output(c.bytes, c.name);
      await write(file, c.cap, input);
      const log = readFileSync(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(runningWriters(dir)).toEqual([]);
      if (!c.cut) {
        expect(log.equals(input)).toBe(true);
        expect(readLogCut(file)).toBeUndefined();
        return;
      }
      expect(log.length).toBeLessThanOrEqual(c.cap!);
      expect(log.subarray(0, MB).equals(input.subarray(0, MB))).toBe(true);
      const tail = Math.floor(c.cap! / 3);
      expect(log.subarray(-tail).equals(input.subarray(-tail))).toBe(true);
      const cut = readLogCut(file)!;
      expect(cut).toBeDefined();
      // the start kept, what was left out and the latest output kept add up to what the pane printed
      expect(cut.offset + cut.bytes + (log.length - cut.resume)).toBe(input.length);
    });

  it('a second writer on a cut log (the agent restarted) keeps cutting it, counting on', async () => {
    const file = join(dir, 'restarted.log');
    await write(file, 2 * MB, output(6 * MB, 'first'));
    const before = readLogCut(file)!;
    await write(file, 2 * MB, output(6 * MB, 'second'));
    const after = readLogCut(file)!;
    expect(after.offset).toBe(before.offset);
    expect(after.bytes).toBeGreaterThan(before.bytes + 4 * MB);
    expect(readFileSync(file, 'latin1').endsWith('LAST second\n')).toBe(true);
    expect(statSync(file).size).toBeLessThanOrEqual(2 * MB);
  });

  it('waits for the writer already holding the log, so two never interleave', async () => {
    const file = join(dir, 'two.log');
    const first = execa('/bin/sh', ['-c', paneWriterCommand(file, 4 * MB)], { stdin: 'pipe' });
    first.stdin!.write('first writer\n');
    // the second starts only once the first holds the log: after a fixed pause, a first node slow to start on a busy
    // machine could lose the log to the second
    await waitFor(
      () => existsSync(file) && runningWriters(dir).includes(first.pid!),
      'the first writer to hold the log',
    );
    const second = execa('/bin/sh', ['-c', paneWriterCommand(file, 4 * MB)], { input: 'second writer\n' });
    // time for the second to find the log held (whether it got there or not, the order below is the same)
    await new Promise((r) => setTimeout(r, 500));
    first.stdin!.end('first again\n');
    await Promise.all([first, second]);
    expect(readFileSync(file, 'utf8')).toBe('first writer\nfirst again\nsecond writer\n');
  });

  it('holds off while the lock is empty (its writer has not written its pid yet), then waits for that writer', async () => {
    const file = join(dir, 'empty-lock.log');
    writeFileSync(`${file}.writer`, '');
    const writer = execa('/bin/sh', ['-c', paneWriterCommand(file, 4 * MB)], { input: 'after the holder\n' });
    await waitFor(() => runsWriter(writer.pid!), 'the writer to start');
    await new Promise((r) => setTimeout(r, 300));
    // the holder writes its pid (a live process: this test's), holds the log a while, then releases it
    writeFileSync(`${file}.writer`, `${process.pid}\n`);
    await new Promise((r) => setTimeout(r, 700));
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '', 'written while the log was held').toBe('');
    rmSync(`${file}.writer`);
    await writer;
    expect(readFileSync(file, 'utf8')).toBe('after the holder\n');
  });

  it('takes over a lock left empty (a writer that died before writing its pid)', async () => {
    const file = join(dir, 'empty-stale.log');
    writeFileSync(`${file}.writer`, '');
    await write(file, 4 * MB, Buffer.from('after an empty lock\n'));
    expect(readFileSync(file, 'utf8')).toBe('after an empty lock\n');
  });

  it('takes over from a writer that died without releasing the log', async () => {
    const file = join(dir, 'stale.log');
    writeFileSync(`${file}.writer`, '999999999\n');
    await write(file, 4 * MB, Buffer.from('after a crash\n'));
    expect(readFileSync(file, 'utf8')).toBe('after a crash\n');
    expect(runningWriters(dir)).toEqual([]);
  });
});
