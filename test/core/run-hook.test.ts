import { describe, expect, it } from 'vitest';
import { callHook, runHook } from '../../core/plugin/run-hook.js';

describe('callHook: one isolated hook call', () => {
  it('answers a synchronous hook at once, without a promise', () => {
    const outcome = callHook(() => 42, 1000);
    expect(outcome).toMatchObject({ ok: true, value: 42 });
  });

  it('turns a synchronous throw into PLUGIN_THREW, at once', () => {
    const outcome = callHook(() => {
      throw new Error('boom');
    }, 1000);
    expect(outcome).toMatchObject({ ok: false, code: 'PLUGIN_THREW', message: 'boom' });
  });

  it('races an asynchronous hook against the timeout and aborts its signal', async () => {
    let signal: AbortSignal | undefined;
    const outcome = await callHook((s) => {
      signal = s.get();
      return new Promise(() => undefined);
    }, 20);
    expect(outcome).toMatchObject({
      ok: false,
      code: 'PLUGIN_TIMEOUT',
      message: 'did not finish within 20 ms',
    });
    expect(signal?.aborted).toBe(true);
  });

  it('returns what an asynchronous hook resolves to, or its rejection as PLUGIN_THREW', async () => {
    await expect(runHook(async () => 'done', 1000)).resolves.toMatchObject({ ok: true, value: 'done' });
    await expect(runHook(() => Promise.reject(new Error('late boom')), 1000)).resolves.toMatchObject({
      ok: false,
      code: 'PLUGIN_THREW',
      message: 'late boom',
    });
  });

  it("takes a hook that resolves to the string 'timeout' at its word", async () => {
    await expect(runHook(async () => 'timeout', 1000)).resolves.toMatchObject({ ok: true, value: 'timeout' });
  });

  it("aborts the call's signal when the night stops, and stops listening once the call is over", () => {
    const night = new AbortController();
    let signal: AbortSignal | undefined;
    callHook((s) => void (signal = s.get()), 1000, night.signal);
    night.abort();
    expect(signal?.aborted).toBe(false); // the call was over: nothing listens any more
    const during = new AbortController();
    during.abort();
    callHook((s) => void (signal = s.get()), 1000, during.signal);
    expect(signal?.aborted).toBe(true);
  });
});
