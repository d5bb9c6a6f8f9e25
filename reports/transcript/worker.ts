// A transcript worker thread's entry (dist/transcript-worker.js): summarizes the pane logs its pool hands it, one at
// a time, with the same code as the report's own thread, so the output is the same.
import { parentPort } from 'node:worker_threads';
import { summarizeTranscript } from './summarize.js';
import type { WorkerReply, WorkerRequest } from './pool-protocol.js';

parentPort?.on('message', (request: WorkerRequest) => {
  summarizeTranscript(request.file, request.options).then(
    (summary) => parentPort?.postMessage({ id: request.id, ok: true, summary } satisfies WorkerReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies WorkerReply),
  );
});
