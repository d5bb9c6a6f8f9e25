import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` every `every` ms until it returns a truthy value, or throws after `timeout` ms with `what`. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeout = 15_000,
  every = 100,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await sleep(every);
  }
  throw new Error(
    `timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 300)})`,
  );
}
