// Reads a queue file: a YAML list of tasks (or `{ tasks: [...] }`), or a markdown checklist (each `- [ ] …` a task).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Problem } from '../errors.js';

/** A task as written in the file, with where it was written (for errors). */
export interface WrittenTask {
  readonly raw: unknown;
  /** `queue.file: <file> item 3` or `queue.file: <file> line 12` */
  readonly path: string;
}

const CHECKBOX = /^\s*[-*+]\s+\[( |x|X)\]\s+(.+?)\s*$/;
/** `- [ ] fix-login: Fix the failing login test` names its id before a colon */
const NAMED = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,63}):\s+(.+)$/;

/** The tasks a file holds, and what is wrong with it. A missing file is a problem, not an empty queue. */
export function readTaskFile(file: string): { tasks: WrittenTask[]; problems: Problem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return {
      tasks: [],
      problems: [{ path: 'queue.file', message: `${file} ${why}: create it or fix the path` }],
    };
  }
  return /\.(md|markdown|txt)$/i.test(file) ? checklist(text, file) : yamlList(text, file);
}

/** Every unchecked `- [ ] …` item; checked ones are done already. */
function checklist(text: string, file: string): { tasks: WrittenTask[]; problems: Problem[] } {
  const tasks: WrittenTask[] = [];
  text.split('\n').forEach((line, i) => {
    const m = line.match(CHECKBOX);
    if (!m || m[1] !== ' ') return;
    const named = m[2]!.match(NAMED);
    const raw = named ? { id: named[1], text: named[2] } : { text: m[2] };
    tasks.push({ raw, path: `queue.file: ${file} line ${i + 1}` });
  });
  return { tasks, problems: [] };
}

function yamlList(text: string, file: string): { tasks: WrittenTask[]; problems: Problem[] } {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      tasks: [],
      problems: [{ path: 'queue.file', message: `${file} is not valid YAML: ${message}` }],
    };
  }
  const list =
    doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as { tasks?: unknown }).tasks : doc;
  if (doc == null) return { tasks: [], problems: [] };
  if (!Array.isArray(list))
    return {
      tasks: [],
      problems: [
        {
          path: 'queue.file',
          message: `${file} should be a list of tasks (or tasks: [...]) or a markdown checklist`,
        },
      ],
    };
  return { tasks: list.map((raw, i) => ({ raw, path: `queue.file: ${file} item ${i + 1}` })), problems: [] };
}
