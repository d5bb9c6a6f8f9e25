import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { NightshiftError } from '../errors.js';
import { makePrivateDir, PRIVATE_FILE } from '../files/private.js';

/** A held runner lock; `release()` removes it. */
export interface Lock {
  readonly file: string;
  release(): void;
}

/** Takes `<stateDir>/runner.lock` for this process; refuses (STATE_LOCKED) while another live runner holds it. */
export function lockStateDir(stateDir: string): Lock {
  makePrivateDir(stateDir);
  const file = join(stateDir, 'runner.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', PRIVATE_FILE);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return { file, release: () => releaseIfOurs(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readSafe(file), 10);
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new NightshiftError(
          'STATE_LOCKED',
          `another nightshift runner (pid ${holder}) is using ${stateDir}; stop it first, or give this one its own stateDir`,
        );
      }
      try {
        unlinkSync(file); // a stale lock from a runner that died
      } catch {
        // someone else removed it first; try again
      }
    }
  }
  throw new NightshiftError(
    'STATE_LOCKED',
    `could not take the lock ${file}; another runner is starting at the same time`,
  );
}

function releaseIfOurs(file: string): void {
  if (Number.parseInt(readSafe(file), 10) === process.pid) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
}

function readSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
