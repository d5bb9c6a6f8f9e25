// The processes a pane started, and ending them all: an agent that re-launches itself (Gemini CLI does after folder
// trust) leaves a parent that survives its pane, re-parented to PID 1. A pane's tree is its process, everything
// descended from it, and everything still in its session or process group (tmux makes each pane's process a session
// leader), which is how the orphans are found.
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';

/** One process as the system lists it. */
export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  /** session id; undefined where `ps` cannot tell (macOS) */
  readonly sid: number | undefined;
}

/** Every process: from /proc on Linux, from `ps` elsewhere. */
export async function listProcesses(): Promise<ProcessEntry[]> {
  try {
    return fromProc();
  } catch {
    const { stdout } = await execa('ps', ['-A', '-o', 'pid=,ppid=,pgid='], { reject: false });
    return stdout
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number))
      .filter((f) => f.length >= 3 && f.every(Number.isInteger))
      .map(([pid, ppid, pgid]) => ({ pid: pid!, ppid: ppid!, pgid: pgid!, sid: undefined }));
  }
}

function fromProc(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp session …; comm may hold spaces and parentheses
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    entries.push({
      pid: Number(name),
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      sid: Number(fields[3]),
    });
  }
  return entries;
}

/** The pids of `root`'s tree: itself, its descendants, and whatever shares its session or process group. */
export function treeOf(root: number, processes: readonly ProcessEntry[]): number[] {
  const found = new Set<number>();
  for (const p of processes) if (p.pid === root || p.sid === root || p.pgid === root) found.add(p.pid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of processes)
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
  }
  found.delete(process.pid);
  found.delete(1);
  return [...found];
}

/** The trees of several roots, listed once. */
export async function treesOf(roots: readonly number[]): Promise<number[]> {
  const live = roots.filter((r) => Number.isInteger(r) && r > 1);
  if (!live.length) return [];
  const processes = await listProcesses();
  return [...new Set(live.flatMap((r) => treeOf(r, processes)))];
}

/** Ends processes: SIGTERM, then SIGKILL for those still alive after `graceMs`. Returns the pids that needed KILL. */
export async function endProcesses(pids: readonly number[], graceMs = 2000): Promise<number[]> {
  const signal = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
      return true;
    } catch {
      return false; // already gone (or not ours)
    }
  };
  let alive = pids.filter((pid) => signal(pid, 'SIGTERM'));
  const until = Date.now() + graceMs;
  while (alive.length && Date.now() < until) {
    await sleep(50);
    alive = alive.filter(isAlive);
  }
  const killed = alive.filter((pid) => signal(pid, 'SIGKILL'));
  // KILL cannot be ignored, but the process still has to be scheduled to die: wait a moment for it
  for (let i = 0; i < 40 && killed.some(isAlive); i++) await sleep(25);
  return killed;
}

/**
 * Ends the trees of `roots` (listed before they were told to stop) and then whatever those trees' sessions started
 * while dying: a program that re-launches itself on SIGHUP/SIGTERM forks after the first listing. Bounded rounds.
 */
export async function endTrees(
  roots: readonly number[],
  tree: readonly number[],
  graceMs = 2000,
): Promise<void> {
  const sessions = new Set(roots.filter((r) => Number.isInteger(r) && r > 1));
  await endProcesses(tree, graceMs);
  for (let round = 0; round < 3 && sessions.size; round++) {
    const late = (await listProcesses())
      .filter((p) => p.sid !== undefined && sessions.has(p.sid) && p.pid !== process.pid)
      .map((p) => p.pid)
      .filter(isAlive);
    if (!late.length) return;
    await endProcesses(late, graceMs);
  }
}

/** True while `pid` exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc: it answered the signal
  }
}
