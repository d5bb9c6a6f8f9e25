// The queue's end reader: the agents' coordination entries and status-log lines naming a task, after it was sent.
// Lives in the composition root because it reads with `reports/coordination` (core proper never imports reports/).
import { statSync } from 'node:fs';
import type { Config } from '../../config/schema.js';
import { readCoordination, readStatusLog } from '../../reports/coordination/index.js';
import type { CoordinationEntry, StatusLine } from '../../reports/coordination/types.js';
import { endOfStatus, type EndReader, type ReportedEnd } from '../queue/end-signal.js';

/** Reads each file again only when it changed (size or time). */
function cached<T>(file: string | undefined, read: (file: string) => readonly T[]): () => readonly T[] {
  let stamp = '';
  let items: readonly T[] = [];
  return () => {
    if (!file) return [];
    let now = '';
    try {
      const s = statSync(file);
      now = `${s.size}:${s.mtimeMs}`;
    } catch {
      return [];
    }
    if (now !== stamp) {
      stamp = now;
      items = read(file);
    }
    return items;
  };
}

/** The text names the task: `logger`, `[task logger]`, `logger — upgraded pino`. */
function names(text: string | undefined, task: string): boolean {
  if (!text) return false;
  const escaped = task.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s\\[(\`"'])${escaped}($|[\\s\\]),:;.\`"'—-])`).test(text.trim());
}

/** An end reader over the config's coordination file and status log. */
export function coordinationEnds(config: Pick<Config, 'coordination' | 'timezone'>): EndReader {
  const window = { start: new Date(0), end: new Date(8.64e15) };
  const entries = cached<CoordinationEntry>(
    config.coordination.file,
    (f) => readCoordination(f, { timeZone: config.timezone, window }).items,
  );
  const lines = cached<StatusLine>(
    config.coordination.statusLog,
    (f) => readStatusLog(f, { timeZone: config.timezone, window }).items,
  );
  return (task, _agent, since) => {
    // entries are stamped to the minute: one in the minute the task was sent counts
    const minute = new Date(Math.floor(since.getTime() / 60_000) * 60_000);
    const entry = entries()
      .filter(
        (e) => e.at >= minute && (names(e.task, task) || names(e.fields.task, task)) && endOfStatus(e.status),
      )
      .at(-1);
    if (entry)
      return {
        state: endOfStatus(entry.status)!,
        by: 'coordination',
        summary: entry.output ?? entry.notes ?? entry.fields.summary,
      } satisfies ReportedEnd;
    const second = new Date(Math.floor(since.getTime() / 1000) * 1000);
    const line = lines()
      .filter((l) => l.at >= second && names(l.text, task) && endOfStatus(l.status))
      .at(-1);
    if (line)
      return {
        state: endOfStatus(line.status)!,
        by: 'status-log',
        summary: line.text.replace(task, '').trim() || undefined,
      } satisfies ReportedEnd;
    return undefined;
  };
}
