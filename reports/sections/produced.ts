import type { ReportSection } from '../../core/index.js';
import type { CoordinationEntry } from '../coordination/types.js';
import type { NightModel } from '../model/types.js';
import { mdCode, mdTable, mdText } from '../render/markdown-escape.js';
import { clockIn, cut, plural } from './format.js';

/** DONE entries shown per agent (the latest); the rest are counted. */
const MAX_DONE_PER_AGENT = 5;
/** Up to this many DONE entries in all, each is listed; beyond, one line per agent (a big fleet must still fit). */
const DETAILED_UP_TO = 24;

const STATUS_ORDER = ['DONE', 'WAIT', 'HELP', 'BLOCKED', 'ERROR', 'FAILED', 'START', 'SKIP'];

/** "Produced": the coordination entries per agent (DONE first, with outputs), DONE lines of the status log, overnight commits. */
export function producedSection(model: NightModel): ReportSection {
  const clock = clockIn(model.timeZone);
  const { entries, statusLines, commits } = model.produced;
  const parts: string[] = [];
  const done = statusLines.filter((l) => l.status === 'DONE');
  parts.push(
    `${plural(model.counts.done, 'task')} done · ${plural(entries.length, 'coordination entry', 'coordination entries')} · ${plural(statusLines.length, 'status line')} · ${plural(commits.length, 'commit')}`,
  );
  if (entries.length === 0 && done.length === 0 && commits.length === 0) {
    parts.push(
      model.coordination.configured
        ? 'Nothing was recorded as produced tonight.'
        : 'No coordination file is configured (`coordination.file`), and no commits were found.',
    );
  }
  const byAgent = new Map<string, CoordinationEntry[]>();
  for (const e of entries) byAgent.set(e.from, [...(byAgent.get(e.from) ?? []), e]);
  const compact = entries.filter((e) => e.status === 'DONE').length > DETAILED_UP_TO;
  if (compact) parts.push(...compactEntries(byAgent, clock));
  else parts.push(...detailedEntries(byAgent, clock));
  const recorded = new Set([...byAgent.keys()].map((a) => a.toLowerCase()));
  const unrecorded = done.filter((l) => !recorded.has((l.tag.split(':').at(-1) ?? l.tag).toLowerCase()));
  if (unrecorded.length > 0) {
    parts.push(
      `### Status log: done\n\n${unrecorded
        .slice(-30)
        .map((l) => `- ${clock(l.at)} \\[${mdText(l.tag)}\\] ${mdText(cut(l.text, 200))}`)
        .join('\n')}`,
    );
  }
  if (commits.length > 0) {
    const rows = commits
      .slice(-40)
      .map((c) => [clock(c.at), mdText(c.agents.join(', ')), mdCode(c.hash), mdText(cut(c.subject, 120))]);
    parts.push(`### Commits\n\n${mdTable(['time', 'agents', 'commit', 'subject'], rows)}`);
  }
  return { id: 'produced', title: 'Produced', markdown: parts.join('\n\n'), order: 30, truncatable: true };
}

function rank(status: string | undefined): number {
  const i = STATUS_ORDER.indexOf(status ?? '');
  return i < 0 ? STATUS_ORDER.length : i;
}

/** A path-like word: `src/app.ts`, `dist/`, `README.md`. */
const PATHISH = /^[\w@.~/+-]+$/;

/** One line of an `Output:` field: a list of paths split at its commas, anything else kept whole ("tests pass, 3 files changed"). */
export function outputItems(line: string): string[] {
  const text = line.replace(/^\s*[-*+]\s+/, '').trim();
  if (!text) return [];
  const parts = text.split(',').map((p) => p.trim());
  return parts.length > 1 && parts.every((p) => PATHISH.test(p) && /[/.]/.test(p)) ? parts : [text];
}

/** One entry as a list item: status, time, recipient, task, outputs, notes. */
function entryLine(e: CoordinationEntry, clock: (d: Date) => string, who = ''): string {
  const outputs = (e.output ?? '').split('\n').flatMap(outputItems);
  const unique = [...new Set(outputs)].slice(0, 6).map(mdCode).join(', ');
  const to = e.to.toLowerCase() === 'all' ? '' : ` to ${mdText(e.to)}:`;
  const head = `- **${mdText(e.status ?? '?')}** ${clock(e.at)}${who}${to}${e.task ? ` ${mdText(cut(e.task, 160))}` : ''}${unique ? ` · ${unique}` : ''}`;
  return e.notes ? `${head} — _${mdText(cut(e.notes, 140))}_` : head;
}

/** Per agent: every entry that is not DONE, and the latest DONE ones with outputs and notes. */
function detailedEntries(
  byAgent: ReadonlyMap<string, CoordinationEntry[]>,
  clock: (d: Date) => string,
): string[] {
  const out: string[] = [];
  for (const [agent, list] of byAgent) {
    const sorted = [...list].sort(
      (a, b) => rank(a.status) - rank(b.status) || a.at.getTime() - b.at.getTime(),
    );
    const doneEntries = sorted.filter((e) => e.status === 'DONE');
    const hidden = Math.max(0, doneEntries.length - MAX_DONE_PER_AGENT);
    const shown = sorted.filter((e) => e.status !== 'DONE' || doneEntries.indexOf(e) >= hidden);
    const lines = shown.map((e) => entryLine(e, clock));
    if (hidden > 0)
      lines.unshift(
        `- … ${hidden} earlier DONE ${hidden === 1 ? 'entry' : 'entries'} (in report.md and the coordination file)`,
      );
    out.push(`### ${mdText(agent)}\n\n${lines.join('\n')}`);
  }
  return out;
}

/** For a big fleet: the entries that are not DONE in full, then one line per agent with its latest DONE tasks. */
function compactEntries(
  byAgent: ReadonlyMap<string, CoordinationEntry[]>,
  clock: (d: Date) => string,
): string[] {
  const all = [...byAgent.values()].flat();
  const open = all
    .filter((e) => e.status !== 'DONE')
    .sort((a, b) => rank(a.status) - rank(b.status) || a.at.getTime() - b.at.getTime());
  const out: string[] = [];
  if (open.length)
    out.push(
      `### Open, waiting or failed\n\n${open.map((e) => entryLine(e, clock, ` ${mdText(e.from)}`)).join('\n')}`,
    );
  const lines = [...byAgent.entries()].map(([agent, list]) => {
    const done = list.filter((e) => e.status === 'DONE').sort((a, b) => b.at.getTime() - a.at.getTime());
    if (done.length === 0) return `- **${mdText(agent)}**: nothing done`;
    const latest = done.slice(0, 3).map((e) => `${mdText(cut(e.task ?? '?', 70))} (${clock(e.at)})`);
    return `- **${mdText(agent)}** (${done.length}): ${latest.join(' · ')}${done.length > 3 ? ' · …' : ''}`;
  });
  out.push(`### Done, per agent (latest first)\n\n${lines.join('\n')}`);
  return out;
}
