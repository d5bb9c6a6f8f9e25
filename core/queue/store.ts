// The queue's state on disk (`<stateDir>/queue/state.json`): each task's run, kept across restarts and nights.
// Written whole and atomically at every change, so a runner killed at any moment leaves the last state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir, replacePrivateFile } from '../files/private.js';
import { queueDir } from './added.js';
import type { Task, TaskRun } from './types.js';

/** A task's run without the task (that comes from the config, the file and the added tasks). */
export type StoredRun = Omit<TaskRun, 'task'>;

interface StoreFile {
  readonly version: 1;
  readonly runs: Readonly<Record<string, StoredRun>>;
}

/** The state file. */
export function stateFile(stateDir: string): string {
  return join(queueDir(stateDir), 'state.json');
}

/** Every stored run by task id (empty when the queue never ran or the file is unreadable). */
export function readStore(stateDir: string): Record<string, StoredRun> {
  try {
    const file = JSON.parse(readFileSync(stateFile(stateDir), 'utf8')) as StoreFile;
    return file.version === 1 && file.runs && typeof file.runs === 'object' ? { ...file.runs } : {};
  } catch {
    return {};
  }
}

/** Saves every run. */
export function writeStore(stateDir: string, runs: readonly TaskRun[]): void {
  makePrivateDir(queueDir(stateDir));
  const out: Record<string, StoredRun> = {};
  for (const { task: _task, ...run } of runs) out[_task.id] = run;
  replacePrivateFile(
    stateFile(stateDir),
    `${JSON.stringify({ version: 1, runs: out } satisfies StoreFile, null, 1)}\n`,
  );
}

/** The tasks with what the store knows of them; a task the store has not seen is queued. */
export function withStoredState(tasks: readonly Task[], stored: Record<string, StoredRun>): TaskRun[] {
  return tasks.map((task) => ({ ...(stored[task.id] ?? { state: 'queued' }), task }));
}
