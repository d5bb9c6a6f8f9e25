import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { makePrivateDir } from '../../files/private.js';
import { dirname, join, parse, sep } from 'node:path';
import { absolute, text } from './raw.js';
import { error, type ConfigCheck } from './types.js';

/** Kernel filesystems: nothing can keep files there (and a recursive mkdir under /proc never returns). */
const KERNEL = /^\/(?:proc|sys|dev)(?:\/|$)/;

/**
 * Why nightshift cannot keep its files in `dir`, or undefined when it can. Creates the folder one level
 * at a time (never a recursive mkdir, which spins under /proc), then writes and removes a probe file:
 * every step is one system call, so the answer comes at once.
 */
export function stateDirProblem(dir: string): string | undefined {
  if (KERNEL.test(dir))
    return `${dir} is on a kernel filesystem (/proc, /sys, /dev), where no files can be kept: choose a folder such as ~/.local/state/nightshift`;
  const { root } = parse(dir);
  const parts = dir.slice(root.length).split(sep).filter(Boolean);
  let current = root;
  for (const [index, part] of parts.entries()) {
    current = join(current, part);
    let kind: 'dir' | 'file' | 'missing';
    try {
      kind = statSync(current).isDirectory() ? 'dir' : 'file';
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR')
        return `${dirname(current)} is a file, not a folder: stateDir must lead through folders`;
      if (code !== 'ENOENT') return `${current}: ${describe(e)}`;
      kind = 'missing';
    }
    if (kind === 'file') return `${current} is a file, not a folder: stateDir must lead through folders`;
    if (kind === 'missing') {
      try {
        // the state dir itself is private from the start (whatever the umask); the folders leading to it are not ours
        if (index === parts.length - 1) makePrivateDir(current);
        else mkdirSync(current);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return `cannot create ${current}: ${describe(e)}`;
      }
    }
  }
  const probe = join(dir, `.nightshift-probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (e) {
    return `cannot write in ${dir}: ${describe(e)} (check its owner and permissions)`;
  }
  return undefined;
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'read-only filesystem',
    ENOSPC: 'no space left',
    ENOENT: 'no such place',
  };
  return (err.code && reasons[err.code]) ?? err.message ?? String(e);
}

/** The state dir can be created and written, answered in bounded time. */
export const stateDirCheck: ConfigCheck = {
  name: 'state dir',
  run(draft) {
    const dir = absolute(draft, text(draft.raw, 'stateDir') ?? './nightshift-state');
    const problem = stateDirProblem(dir);
    return { problems: problem ? [error('stateDir', problem)] : [] };
  },
};
