// Transcripts replayed in worker threads are the transcripts replayed in the calling thread: logs of real programs in
// tmux, summarized both ways (with offset marks and secrets), compared whole; plus what a pool does with bad input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTranscriptPool,
  summarizeTranscript,
  type SummarizeOptions,
  type TranscriptPool,
} from '../../reports/transcript/index.js';
import { startLoggedPane, startTmux, waitForLog, type TmuxServer } from './helpers/tmux-recorder.js';

const programs = resolve(import.meta.dirname, '../fixtures/reports/programs');
const size = { cols: 80, rows: 24 };
const SECRET = 'sk-live-pool-0123456789abcdef';

let server: TmuxServer;
let dir: string;
let pool: TranscriptPool;
const logs: string[] = [];

beforeAll(async () => {
  server = await startTmux();
  dir = mkdtempSync(join(tmpdir(), 'ns-transcript-pool-'));
  pool = createTranscriptPool({ size: 2 });
  const runs = [
    ['scrolling', `node ${programs}/scrolling-output.mjs`],
    ['tui', `node ${programs}/redrawing-tui.mjs`],
    ['secret', `printf 'token ${SECRET} printed\\nerror: build failed\\nEND-OF-OUTPUT\\n'`],
  ] as const;
  for (const [name, command] of runs) {
    const log = join(dir, `${name}.log`);
    await startLoggedPane(server, { name, command, ...size, log });
    await waitForLog(log, 'END-OF-OUTPUT');
    logs.push(log);
  }
});

afterAll(async () => {
  await pool?.close();
  await server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a transcript pool', () => {
  const options = (): SummarizeOptions => ({
    size,
    marks: [
      { offset: 0, at: new Date('2026-12-07T01:00:00Z') },
      { offset: 200, at: new Date('2026-12-07T01:05:00Z') },
    ],
    tailLines: 40,
    maxErrors: 5,
    secrets: [SECRET],
  });

  it('gives the same summaries as the calling thread, for logs replayed at once', async () => {
    const inWorkers = await Promise.all(logs.map((log) => pool.summarize(log, options())));
    for (const [i, log] of logs.entries()) {
      const here = await summarizeTranscript(log, options());
      expect(inWorkers[i]).toEqual(here);
    }
    expect(inWorkers[1]!.lines).toBeGreaterThan(10);
    expect(inWorkers[0]!.tail.every((l) => l.at instanceof Date)).toBe(true);
    expect(inWorkers[2]!.screen.lines.some((l) => l.startsWith('token '))).toBe(true);
    expect(JSON.stringify(inWorkers)).not.toContain(SECRET);
  });

  const cases = [
    {
      name: 'a missing log rejects with the replay’s own error',
      file: () => join(dir, 'absent.log'),
      message: /ENOENT/,
    },
  ];
  it.each(cases)('$name', async ({ file, message }) => {
    await expect(pool.summarize(file(), options())).rejects.toThrow(message);
    // the pool still works after a failed job
    await expect(pool.summarize(logs[0]!, options())).resolves.toMatchObject({ bytes: expect.any(Number) });
  });

  it('an aborted summary rejects with the signal’s reason and frees its worker', async () => {
    const big = join(dir, 'big.log');
    writeFileSync(big, 'x'.repeat(64).concat('\r\n').repeat(400_000));
    const stop = new AbortController();
    const pending = pool.summarize(big, { ...options(), signal: stop.signal });
    stop.abort(new Error('report cancelled'));
    await expect(pending).rejects.toThrow('report cancelled');
    await expect(pool.summarize(logs[0]!, options())).resolves.toMatchObject({ bytes: expect.any(Number) });
  });

  it('a closed pool refuses new work', async () => {
    const closing = createTranscriptPool({ size: 1 });
    await closing.close();
    await expect(closing.summarize(logs[0]!, options())).rejects.toThrow('closed');
  });
});
