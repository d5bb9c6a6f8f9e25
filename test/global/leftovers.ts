// vitest globalSetup: the suite runs with its own TMPDIR and TMUX_TMPDIR, and at the end that folder must be
// empty: every temp folder removed, every private tmux server killed and its socket file deleted.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let root: string | undefined;
/** Compile caches tools keep in the temp folder (not test leftovers). */
const CACHES = [`tsx-${process.getuid?.() ?? 0}`, 'jiti'];

/** Gives the test run a private temp folder (inherited by the test workers and every program they start). */
export function setup(): void {
  const base = tmpdir();
  root = mkdtempSync(join(base, 'nightshift-test-run-'));
  // tsx and jiti keep compile caches in the temp folder: share the usual ones, so tests start warm
  for (const cache of CACHES) {
    mkdirSync(join(base, cache), { recursive: true });
    symlinkSync(join(base, cache), join(root, cache));
  }
  process.env.TMPDIR = root;
  process.env.TMUX_TMPDIR = root;
}

/** Everything left under `dir`: tmux's per-user socket folder is looked into (the folder itself is tmux's). */
function leftovers(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (CACHES.includes(name) && lstatSync(path).isSymbolicLink()) continue; // a shared compile cache
    if (/^tmux-\d+$/.test(name) && statSync(path).isDirectory())
      found.push(...readdirSync(path).map((socket) => join(path, socket)));
    else found.push(path);
  }
  return found;
}

/** Fails the run if a test left a file, a folder, a socket or a tmux server behind; then cleans up anyway. */
export function teardown(): void {
  if (!root) return;
  const left = leftovers(root);
  for (const path of left.filter((p) => p.includes('/tmux-')))
    try {
      execFileSync('tmux', ['-S', path, 'kill-server'], { stdio: 'ignore', timeout: 5000 });
    } catch {
      // no server behind it: only the file was left
    }
  rmSync(root, { recursive: true, force: true });
  if (left.length) {
    process.exitCode = 1; // vitest reports an error thrown here but would still exit 0
    throw new Error(
      `the tests left ${left.length} thing(s) behind (each test must remove its temp folders, kill its tmux servers and delete their socket files):\n  ${left.join('\n  ')}`,
    );
  }
}
