// Retention: the newest nights are kept whole, their pane logs compressed after the first week; older nights go, but
// their report and journal are kept longest (in archive/), and a night whose report the person has not received yet
// (still in the outbox) is not touched at all.
import {
  createReadStream,
  createWriteStream,
  existsSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Config } from '../../config/schema.js';
import { makePrivateDir, PRIVATE_FILE } from '../files/private.js';
import { runningWriters } from '../logs/pane-writer.js';

/** One thing retention does (or, with --dry-run, would do). */
export type RetentionStep =
  /** a night beyond `retention.nights`: its report and journal move to archive/, the rest is removed */
  | { readonly kind: 'archive'; readonly night: string; readonly runDir: string; readonly bytes: number }
  /** a pane log of a night older than `retention.compressAfter`, gzipped */
  | { readonly kind: 'compress'; readonly night: string; readonly file: string; readonly bytes: number }
  /** an archived night beyond `retention.archive` */
  | { readonly kind: 'expire'; readonly night: string; readonly dir: string; readonly bytes: number }
  /** a night retention would remove, kept because the person still has to act on it */
  | { readonly kind: 'keep'; readonly night: string; readonly runDir: string; readonly reason: string };

/** What a night's report and journal are called in the archive. */
const ARCHIVED = ['report.md', 'events.jsonl', 'night.json'];
const NIGHT_ID = /^\d{4}-\d{2}-\d{2}(?:\.\d+)?$/;

/**
 * Plans retention for a state dir. `waiting`: run directories the person still has to act on (a report not yet
 * delivered); `now` places nights in time (by when they started).
 */
export function planRetention(
  stateDir: string,
  retention: Config['retention'],
  now: Date,
  waiting: ReadonlySet<string>,
): RetentionStep[] {
  const steps: RetentionStep[] = [];
  const leaving: NightDir[] = [];
  const nights = listNights(join(stateDir, 'nights'));
  nights.forEach((night, newest) => {
    if (newest >= retention.nights) {
      if (waiting.has(night.dir))
        steps.push({
          kind: 'keep',
          night: night.id,
          runDir: night.dir,
          reason: 'its report has not been delivered yet (it is in the outbox)',
        });
      else leaving.push(night);
      return;
    }
    if (now.getTime() - night.started < retention.compressAfter) return;
    const logs = join(night.dir, 'logs');
    if (runningWriters(logs).length) return; // a night still being written
    for (const name of safeList(logs))
      if (name.endsWith('.log'))
        steps.push({
          kind: 'compress',
          night: night.id,
          file: join(logs, name),
          bytes: sizeOf(join(logs, name)),
        });
  });
  // the archive keeps the newest `retention.archive` nights, counting those about to join it
  const archived = listNights(join(stateDir, 'archive'));
  const joining = new Set(leaving);
  const all = [...leaving, ...archived].sort((a, b) => b.started - a.started);
  all.forEach((night, newest) => {
    const expired = retention.archive > 0 && newest >= retention.archive;
    const bytes = sizeOf(night.dir);
    if (joining.has(night) && !expired)
      steps.push({ kind: 'archive', night: night.id, runDir: night.dir, bytes });
    else if (expired) steps.push({ kind: 'expire', night: night.id, dir: night.dir, bytes });
  });
  return steps;
}

/** Carries out a plan; a step that fails is reported and the rest go on. Returns the errors by step. */
export async function applyRetention(
  stateDir: string,
  steps: readonly RetentionStep[],
): Promise<{ step: RetentionStep; error: string }[]> {
  const errors: { step: RetentionStep; error: string }[] = [];
  for (const step of steps) {
    try {
      if (step.kind === 'compress') await gzipFile(step.file);
      else if (step.kind === 'archive') await archiveNight(stateDir, step.night, step.runDir);
      else if (step.kind === 'expire') rmSync(step.dir, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      errors.push({ step, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return errors;
}

/** Moves a night's report, journal (gzipped) and plan to archive/<night>/, then removes its run directory. */
async function archiveNight(stateDir: string, night: string, runDir: string): Promise<void> {
  const to = join(stateDir, 'archive', night);
  makePrivateDir(to);
  for (const name of ARCHIVED) {
    const from = join(runDir, name);
    if (!existsSync(from)) continue;
    if (name === 'events.jsonl') await gzipFile(from, join(to, `${name}.gz`));
    else renameSync(from, join(to, name));
  }
  rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
}

/** Gzips `file` into `to` (default `file.gz`), 0600, streaming; the original is removed once the copy is whole. */
async function gzipFile(file: string, to = `${file}.gz`): Promise<void> {
  const tmp = `${to}.tmp`;
  try {
    await pipeline(createReadStream(file), createGzip(), createWriteStream(tmp, { mode: PRIVATE_FILE }));
    renameSync(tmp, to);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  rmSync(file, { force: true });
}

interface NightDir {
  readonly id: string;
  readonly dir: string;
  /** when the night started (ms), from its directory name; later runs of a day (`.2`) sort after */
  readonly started: number;
}

/** The nights in a folder, newest first. */
function listNights(folder: string): NightDir[] {
  return safeList(folder)
    .filter((name) => NIGHT_ID.test(name))
    .map((id) => {
      const [day, run] = id.split('.');
      return { id, dir: join(folder, id), started: Date.parse(`${day}T00:00:00Z`) + Number(run ?? 1) };
    })
    .sort((a, b) => b.started - a.started);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Bytes under a path (files only). */
export function sizeOf(path: string): number {
  try {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.size;
    return safeList(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
  } catch {
    return 0;
  }
}
