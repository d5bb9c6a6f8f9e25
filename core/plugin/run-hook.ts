/** How one hook call ended. Never thrown: a failure is a value the host journals. */
export type HookOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: 'PLUGIN_THREW' | 'PLUGIN_TIMEOUT'; readonly message: string };

/**
 * The call's AbortSignal, made on first use (most hooks never look at it, and a tick makes hundreds of calls): one
 * small object per call, no closures until a hook asks for its signal.
 */
export class LazySignal {
  readonly #parent: AbortSignal | undefined;
  #controller: AbortController | undefined;
  #onParentAbort: (() => void) | undefined;

  constructor(parent?: AbortSignal) {
    this.#parent = parent;
  }

  /** The signal: aborts when the call times out or `parent` aborts. */
  get(): AbortSignal {
    if (!this.#controller) {
      const controller = (this.#controller = new AbortController());
      const parent = this.#parent;
      if (parent?.aborted) controller.abort(parent.reason);
      else if (parent) {
        this.#onParentAbort = () => controller.abort(parent.reason);
        parent.addEventListener('abort', this.#onParentAbort, { once: true });
      }
    }
    return this.#controller.signal;
  }

  /** Aborts the signal, if a hook asked for it. */
  abort(reason: unknown): void {
    this.#controller?.abort(reason);
  }

  /** Stops listening to the parent (the call is over). */
  release(): void {
    if (this.#onParentAbort) this.#parent?.removeEventListener('abort', this.#onParentAbort);
  }
}

/**
 * Calls `fn` with a signal that aborts after `timeoutMs` or when `parent` aborts; a throw or a timeout becomes
 * `{ ok: false }`. A hook that answers synchronously (every built-in check) gets its outcome back at once, with no
 * timer and no promise: a tick makes hundreds of these calls. A promise races the timeout; a hung one is abandoned.
 * `signal`: the call's signal, when the caller made it already (to build the hook's context with it).
 */
export function callHook<T>(
  fn: (signal: LazySignal) => T | Promise<T>,
  timeoutMs: number,
  parent?: AbortSignal,
  signal: LazySignal = new LazySignal(parent),
): HookOutcome<T> | Promise<HookOutcome<T>> {
  let result: T | Promise<T>;
  try {
    result = fn(signal);
  } catch (error) {
    signal.release();
    return threw(error);
  }
  if (!isThenable(result)) {
    signal.release();
    return { ok: true, value: result };
  }
  return raceTimeout(result, timeoutMs, () => signal.abort(new Error('timeout'))).finally(() =>
    signal.release(),
  );
}

/** `callHook`, always as a promise. */
export async function runHook<T>(
  fn: (signal: LazySignal) => T | Promise<T>,
  timeoutMs: number,
  parent?: AbortSignal,
): Promise<HookOutcome<T>> {
  return callHook(fn, timeoutMs, parent);
}

/** The outcome of a hook's promise, or a timeout after `timeoutMs` (then `onTimeout` aborts the call's signal). */
async function raceTimeout<T>(
  pending: PromiseLike<T>,
  timeoutMs: number,
  onTimeout: () => void,
): Promise<HookOutcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), timeoutMs);
    timer.unref?.();
  });
  try {
    const result = await Promise.race([pending, timeout]);
    if (result === TIMEOUT) {
      onTimeout();
      return { ok: false, code: 'PLUGIN_TIMEOUT', message: `did not finish within ${timeoutMs} ms` };
    }
    return { ok: true, value: result };
  } catch (error) {
    return threw(error);
  } finally {
    clearTimeout(timer);
  }
}

const TIMEOUT: unique symbol = Symbol('timeout');

function threw(error: unknown): HookOutcome<never> {
  return { ok: false, code: 'PLUGIN_THREW', message: error instanceof Error ? error.message : String(error) };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
