// A progress line for long work (compiling a report): redrawn in place on a terminal, with the time spent; nothing at
// all when the output is piped or captured, so scripts and logs see only the result.
/** A line that says what is being done; `stop()` clears it. */
export interface ProgressLine {
  set(text: string): void;
  stop(): void;
}

/** Shows progress on `stream` when it is a terminal; a no-op otherwise. */
export function progressLine(stream: NodeJS.WritableStream, now: () => number = Date.now): ProgressLine {
  if (!(stream as { isTTY?: boolean }).isTTY) return { set: () => undefined, stop: () => undefined };
  const started = now();
  let text = '';
  const draw = () => stream.write(`\r\x1b[K${text} (${Math.round((now() - started) / 1000)}s)`);
  const timer = setInterval(draw, 500);
  timer.unref();
  return {
    set(next) {
      text = next;
      draw();
    },
    stop() {
      clearInterval(timer);
      stream.write('\r\x1b[K');
    },
  };
}
