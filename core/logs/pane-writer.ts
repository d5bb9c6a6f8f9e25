// The command tmux's pipe-pane runs for a pane's log, and waiting for those writers to finish.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { shellQuote } from '../tmux/quote.js';

/** The writer script; beside this module in the source tree, and copied beside the bundle in dist. */
export const PANE_WRITER = fileURLToPath(new URL('./pane-writer.mjs', import.meta.url));

/**
 * The shell command pipe-pane runs to append a pane's output to `file`: under `umask 077`, so a log tmux creates is
 * 0600 too. With `maxBytes` the capping writer (pane-writer.mjs, run by this very node) keeps the log under the cap;
 * without, plain `cat`.
 */
export function paneWriterCommand(file: string, maxBytes: number | undefined): string {
  if (!maxBytes) return `umask 077; exec cat >> ${shellQuote(file)}`;
  return `umask 077; exec ${shellQuote(process.execPath)} ${shellQuote(PANE_WRITER)} ${shellQuote(file)} ${Math.floor(maxBytes)}`;
}

/** Pids of the capping writers still holding a log in `dir` (their `<log>.writer` files). */
export function runningWriters(dir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.writer'))
    .map((n) => {
      try {
        return Number.parseInt(readFileSync(join(dir, n), 'utf8'), 10);
      } catch {
        return NaN;
      }
    })
    .filter((pid) => Number.isInteger(pid) && alive(pid));
}

/** Waits until no writer holds a log in `dir` (they finish once tmux closes their pipe); false if some still do. */
export async function waitForWriters(dir: string, timeoutMs = 5000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (runningWriters(dir).length) {
    if (Date.now() >= until) return false;
    await sleep(25);
  }
  return true;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
