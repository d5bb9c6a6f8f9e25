/** How one hook call ended. Never thrown: a failure is a value the host journals. */
export type HookOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly ms: number }
  | {
      readonly ok: false;
      readonly code: 'PLUGIN_THREW' | 'PLUGIN_TIMEOUT';
      readonly message: string;
      readonly ms: number;
    };

/** The call's AbortSignal, made on first use (most hooks never look at it, and a tick makes hundreds of calls). */
export type LazySignal = () => AbortSignal;

/**
 * Calls `fn`, giving it a signal that aborts after `timeoutMs` or when `parent` aborts.
 * Resolves with the outcome; a throw or a timeout becomes `{ ok: false }`. A hung call is abandoned, not awaited.
 */
export async function runHook<T>(
  fn: (signal: LazySignal) => T | Promise<T>,
  timeoutMs: number,
  parent?: AbortSignal,
): Promise<HookOutcome<T>> {
  const started = performance.now();
  let controller: AbortController | undefined;
  const onParentAbort = () => controller?.abort(parent?.reason);
  const signal: LazySignal = () => {
    if (!controller) {
      controller = new AbortController();
      if (parent?.aborted) controller.abort(parent.reason);
      else parent?.addEventListener('abort', onParentAbort, { once: true });
    }
    return controller.signal;
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref?.();
  });
  try {
    const result = await Promise.race([Promise.resolve().then(() => fn(signal)), timeout]);
    const ms = performance.now() - started;
    if (result === 'timeout') {
      controller?.abort(new Error('timeout'));
      return { ok: false, code: 'PLUGIN_TIMEOUT', message: `did not finish within ${timeoutMs} ms`, ms };
    }
    return { ok: true, value: result, ms };
  } catch (error) {
    return {
      ok: false,
      code: 'PLUGIN_THREW',
      message: error instanceof Error ? error.message : String(error),
      ms: performance.now() - started,
    };
  } finally {
    clearTimeout(timer);
    if (controller) parent?.removeEventListener('abort', onParentAbort);
  }
}
