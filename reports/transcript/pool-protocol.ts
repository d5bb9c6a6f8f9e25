// What a transcript pool and its worker threads say to each other (structured-cloned messages).
import type { SummarizeOptions, TranscriptSummary } from './summarize.js';

/** Summarize the log `file`; `options` without the signal, which stays in the pool's thread. */
export interface WorkerRequest {
  readonly id: number;
  readonly file: string;
  readonly options: Omit<SummarizeOptions, 'signal'>;
}

/** The summary of request `id`, or why there is none. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly summary: TranscriptSummary }
  | { readonly id: number; readonly ok: false; readonly message: string };
