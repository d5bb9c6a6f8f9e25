// Tasks added with `nightshift tasks add`: one JSON line each in the state directory, read by a running night.
import { closeSync, existsSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir, openPrivate } from '../files/private.js';

/** A task as `nightshift tasks add` wrote it. */
export interface AddedTask {
  readonly id: string;
  readonly text: string;
  readonly agent?: string | undefined;
  readonly after?: readonly string[] | undefined;
  readonly paths?: readonly string[] | undefined;
  /** ISO time it was added */
  readonly at: string;
}

/** The queue's folder in the state directory. */
export function queueDir(stateDir: string): string {
  return join(stateDir, 'queue');
}

/** The file added tasks are appended to. */
export function addedFile(stateDir: string): string {
  return join(queueDir(stateDir), 'added.jsonl');
}

/** Appends one task (one write of one line: a reader never sees half of it). */
export function appendAddedTask(stateDir: string, task: AddedTask): void {
  makePrivateDir(queueDir(stateDir));
  const fd = openPrivate(addedFile(stateDir), 'a');
  try {
    writeSync(fd, `${JSON.stringify(task)}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Every added task, in order; a line that is not a task (a torn or edited line) is skipped. */
export function readAddedTasks(stateDir: string): AddedTask[] {
  const file = addedFile(stateDir);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        const value = JSON.parse(line) as AddedTask;
        return typeof value.id === 'string' && typeof value.text === 'string' ? [value] : [];
      } catch {
        return [];
      }
    });
}
