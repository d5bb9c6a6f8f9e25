import type { ReportSection } from '../../core/index.js';
import type { NightModel } from '../model/types.js';
import type { WorkItem } from '../model/types.js';
import { mdCode, mdTable, mdText } from '../render/markdown-escape.js';
import { clockIn, cut, formatMinutes } from './format.js';

const STATE_WORDS: Record<WorkItem['state'], string> = {
  done: 'done',
  failed: 'failed',
  blocked: 'blocked on you',
  'timed-out': 'timed out',
  'not-reached': 'not reached',
  running: 'still running',
  queued: 'queued',
};

/** How an end was told, in words. */
const BY_WORDS: Record<string, string> = {
  coordination: 'its coordination entry',
  'status-log': 'its status-log line',
  quiet: 'it went quiet (no entry)',
  timeout: 'the timeout',
  park: 'a question nobody answered',
  'agent-gone': 'its agent',
  'night-end': "the night's end",
};

/** "Work": one row per task of the queue (agent, state, start, duration, branch, commits, diffstat), then per task the agent's summary, what blocked it and what it left uncommitted. First in the report. */
export function workSection(model: NightModel): ReportSection | undefined {
  if (!model.work.length) return undefined;
  const clock = clockIn(model.timeZone);
  const rows = model.work.map((w) => [
    mdCode(w.id),
    mdText(w.agent ?? '—'),
    mdText(STATE_WORDS[w.state]),
    w.start ? clock(w.start) : '—',
    w.start && w.end ? took(w.end.getTime() - w.start.getTime()) : '—',
    w.branch && !w.removed ? mdCode(w.branch) : '—',
    String(w.commits.length),
    mdText(w.diffstat || '—'),
  ]);
  const count = (s: WorkItem['state']) => model.work.filter((w) => w.state === s).length;
  const head = `${model.work.length} tasks: ${count('done')} done · ${count('failed') + count('timed-out')} failed · ${count('blocked')} blocked · ${count('not-reached') + count('queued')} not reached`;
  const notes = model.work.flatMap((w) => {
    const lines: string[] = [];
    const ended = w.endedBy ? ` (ended by ${BY_WORDS[w.endedBy] ?? w.endedBy})` : '';
    lines.push(`- ${mdCode(w.id)} ${mdText(cut(w.text, 160))}${ended}`);
    if (w.summary) lines.push(`  - says: ${mdText(cut(w.summary, 300))}`);
    if (w.blockedOn) lines.push(`  - blocked on: ${mdText(cut(w.blockedOn, 300))}`);
    for (const c of w.commits.slice(0, 5)) lines.push(`  - ${mdCode(c.sha)} ${mdText(cut(c.subject, 120))}`);
    if (w.uncommitted.length)
      lines.push(`  - left uncommitted in its worktree: ${w.uncommitted.slice(0, 8).map(mdCode).join(', ')}`);
    return lines;
  });
  const table = mdTable(['task', 'agent', 'state', 'start', 'took', 'branch', 'commits', 'diffstat'], rows);
  return {
    id: 'work',
    title: 'Work',
    markdown: [head, table, notes.join('\n')].join('\n\n'),
    order: 3,
    truncatable: false,
  };
}

/** `40s` under a minute, else `1h 05m`. */
function took(ms: number): string {
  return ms < 60_000 ? `${Math.max(0, Math.round(ms / 1000))}s` : formatMinutes(Math.round(ms / 60_000));
}
