// The night loop's sleep until its next look, cut short when output wakes a pane (see watch/output-wake.ts).
import { setTimeout as sleep } from 'node:timers/promises';

/** A sleep that `wake()` ends early; a wake while awake makes the next sleep return at once. */
export class WakeableSleep {
  #wake: AbortController | undefined;
  #pending = false;

  /** Sleeps `ms`, until `signal` aborts, or until `wake()`; never throws. */
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return;
    }
    if (signal.aborted) return;
    const wake = new AbortController();
    const stop = () => wake.abort();
    signal.addEventListener('abort', stop, { once: true });
    this.#wake = wake;
    await sleep(ms, undefined, { signal: wake.signal }).catch(() => undefined);
    this.#wake = undefined;
    signal.removeEventListener('abort', stop);
  }

  /** Ends the current sleep, or the next one before it starts. */
  wake(): void {
    if (this.#wake) this.#wake.abort();
    else this.#pending = true;
  }
}
