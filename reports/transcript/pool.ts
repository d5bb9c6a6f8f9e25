// Transcripts on every core: a pool of worker threads that replay pane logs, one log per worker at a time, each with
// a bounded heap. The workers run the same `summarizeTranscript` as the calling thread, so the output is identical.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './pool-protocol.js';
import type { SummarizeOptions, TranscriptSummary } from './summarize.js';

/** How big a pool is. */
export interface TranscriptPoolOptions {
  /** worker threads; default one per core (`os.availableParallelism()`) */
  readonly size?: number;
  /** old-generation heap per worker, MiB; a replay stays far below it (its memory is bounded by its options); default 256 */
  readonly maxHeapMiB?: number;
}

/** Summarizes pane logs in worker threads. Close it when done (idle workers do not keep the process alive). */
export interface TranscriptPool {
  /** how many logs replay at once */
  readonly size: number;
  /** `summarizeTranscript` in a worker: same options, same result; the signal ends the worker replaying this log */
  summarize(file: string, options: SummarizeOptions): Promise<TranscriptSummary>;
  /** ends every worker; pending summaries are rejected */
  close(): Promise<void>;
}

interface Job {
  readonly request: WorkerRequest;
  readonly signal: AbortSignal | undefined;
  resolve(summary: TranscriptSummary): void;
  reject(error: unknown): void;
}

/** Starts a pool; its workers start on demand, up to `size`. */
export function createTranscriptPool(options: TranscriptPoolOptions = {}): TranscriptPool {
  const size = Math.max(1, Math.floor(options.size ?? availableParallelism()));
  const heap = options.maxHeapMiB ?? 256;
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  let nextId = 0;
  let closed = false;

  const pump = () => {
    while (queue.length > 0 && (idle.length > 0 || idle.length + busy.size < size)) {
      const job = queue.shift()!;
      if (job.signal?.aborted) {
        job.reject(job.signal.reason);
        continue;
      }
      run(idle.pop() ?? startWorker(heap), job);
    }
  };

  const run = (worker: Worker, job: Job) => {
    busy.set(worker, job);
    worker.ref();
    const settle = (reuse: boolean, outcome: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      job.signal?.removeEventListener('abort', onAbort);
      busy.delete(worker);
      if (reuse && !closed) {
        worker.unref();
        idle.push(worker);
      } else void worker.terminate();
      outcome();
      pump();
    };
    const onMessage = (reply: WorkerReply) => {
      if (reply.id !== job.request.id) return;
      settle(true, () => (reply.ok ? job.resolve(reply.summary) : job.reject(new Error(reply.message))));
    };
    const onError = (error: Error) =>
      settle(false, () => job.reject(workerFailed(job.request.file, error, heap)));
    const onExit = (code: number) =>
      settle(false, () =>
        job.reject(
          new Error(`the transcript worker stopped (exit code ${code}) while replaying ${job.request.file}`),
        ),
      );
    const onAbort = () => settle(false, () => job.reject(job.signal?.reason));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    job.signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage(job.request);
  };

  return {
    size,
    summarize(file, { signal, ...rest }) {
      if (closed) return Promise.reject(new Error('the transcript pool is closed'));
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<TranscriptSummary>((resolve, reject) => {
        queue.push({ request: { id: nextId++, file, options: rest }, signal, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the transcript pool was closed'));
      const all = [...idle.splice(0), ...busy.keys()];
      for (const [, job] of busy) job.reject(new Error('the transcript pool was closed'));
      busy.clear();
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

/** A worker on the built entry beside the bundle, or on the TypeScript source through tsx (tests, `npm start` from source). */
function startWorker(heapMiB: number): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'transcript-worker.js');
  const resourceLimits = { maxOldGenerationSizeMb: heapMiB };
  if (existsSync(built)) return new Worker(built, { execArgv: [], resourceLimits });
  // from source: a worker's --import hooks do not reach its own entry on Node 20, so it loads the entry through tsx's API
  const entry = pathToFileURL(join(here, 'worker.ts')).href;
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  return new Worker(boot, { eval: true, execArgv: [], resourceLimits });
}

function workerFailed(file: string, error: Error, heapMiB: number): Error {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY')
    return new Error(
      `replaying ${file} needed more than the transcript worker's ${heapMiB} MiB heap: lower the agent-detail reporter's maxMiB`,
      { cause: error },
    );
  return new Error(`the transcript worker failed on ${file}: ${error.message}`, { cause: error });
}
