// A progress line for long work (compiling a report, replaying a night): redrawn in place on a terminal with the
// time spent, cleared when done; nothing at all when the output is piped or captured, so scripts see only the result.
import type { CommandIO } from './types.js';

/** A line that says what is being done; `stop()` clears it. */
export interface ProgressLine {
  set(text: string): void;
  stop(): void;
}

const QUIET: ProgressLine = { set: () => undefined, stop: () => undefined };

/** Shows progress on the command's stdout when it is a terminal (`io.isTTY`); a no-op when piped. */
export function progressLine(
  io: Pick<CommandIO, 'stdout' | 'isTTY'>,
  now: () => number = Date.now,
): ProgressLine {
  if (!io.isTTY) return QUIET;
  const stream = io.stdout;
  const started = now();
  let text = '';
  let stopped = false;
  const width = () => (stream as { columns?: number }).columns ?? 100;
  const draw = () => {
    if (stopped) return;
    const line = `${text} (${Math.round((now() - started) / 1000)}s)`;
    stream.write(`\r\x1b[2K${line.slice(0, width() - 1)}`);
  };
  const timer = setInterval(draw, 500);
  timer.unref();
  return {
    set(next) {
      text = next;
      draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      stream.write('\r\x1b[2K');
    },
  };
}

/** Runs `work` with a progress line that says `text`, and clears the line however it ends. */
export async function withProgress<T>(
  io: Pick<CommandIO, 'stdout' | 'isTTY'>,
  text: string,
  work: (progress: ProgressLine) => Promise<T>,
): Promise<T> {
  const progress = progressLine(io);
  progress.set(text);
  try {
    return await work(progress);
  } finally {
    progress.stop();
  }
}
