// What nightshift keeps is private (DESIGN.md invariant 9): directories 0700, files 0600, whatever the umask.
import {
  chmodSync,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** The mode of every directory nightshift makes. */
export const PRIVATE_DIR = 0o700;
/** The mode of every file nightshift writes. */
export const PRIVATE_FILE = 0o600;

/** Makes a directory (and its missing parents) 0700; an existing one is left as it is (see `tightenTree`). */
export function makePrivateDir(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  // mkdir applies the umask to `mode`; a umask such as 0o277 could leave it unusable, so say it outright
  if (first !== undefined) chmodSync(dir, PRIVATE_DIR);
}

/** Opens (creating it 0600) a file; a file that already existed is made 0600 too. Returns the descriptor. */
export function openPrivate(file: string, flags: string): number {
  const fd = openSync(file, flags, PRIVATE_FILE);
  fchmodSync(fd, PRIVATE_FILE);
  return fd;
}

/** Writes a whole file, 0600. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE });
  chmodSync(file, PRIVATE_FILE);
}

/** Writes a whole file atomically (temp file, then rename), 0600. */
export function replacePrivateFile(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp`;
  writePrivateFile(tmp, data);
  renameSync(tmp, file);
}

/** A path that others could read, and the mode it had. */
export interface LoosePath {
  readonly path: string;
  readonly mode: number;
}

/** Every directory and file under `root` (itself included) that group or others may use; symlinks are not followed. */
export function loosePaths(root: string): LoosePath[] {
  const found: LoosePath[] = [];
  const walk = (path: string) => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return; // removed meanwhile
    }
    if (stat.isSymbolicLink()) return;
    if (stat.mode & 0o077) found.push({ path, mode: stat.mode & 0o7777 });
    if (stat.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(path);
      } catch {
        return;
      }
      for (const name of names) walk(join(path, name));
    }
  };
  walk(root);
  return found;
}

/** Takes group and other permissions off every path under `root`; returns what it changed. */
export function tightenTree(root: string): LoosePath[] {
  const loose = loosePaths(root);
  for (const { path, mode } of loose) {
    try {
      chmodSync(path, mode & ~0o077 & 0o7777);
    } catch {
      // gone meanwhile, or not ours: doctor names what stays loose
    }
  }
  return loose;
}

/** The octal mode as `ls` users read it: `0755`. */
export function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

/** What nightshift keeps in a state directory; only these are ever tightened (a state dir may hold other things). */
const STATE_ENTRIES = /^(nights|outbox|state|archive|nightshift\.log.*|runner\.lock|control\.(json|sock))$/;

/**
 * Makes a state directory private: creates it 0700, or takes group and other permissions off it and off everything
 * nightshift keeps in it. Returns what it had to change (empty once it is private: adopting says so once).
 */
export function adoptStateDir(stateDir: string): LoosePath[] {
  makePrivateDir(stateDir);
  const changed: LoosePath[] = [];
  const self = lstatSync(stateDir);
  if (self.mode & 0o077) {
    chmodSync(stateDir, self.mode & ~0o077 & 0o7777);
    changed.push({ path: stateDir, mode: self.mode & 0o7777 });
  }
  for (const name of readdirSync(stateDir))
    if (STATE_ENTRIES.test(name)) changed.push(...tightenTree(join(stateDir, name)));
  return changed;
}
