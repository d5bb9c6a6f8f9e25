import type { ReportSection } from '../../core/index.js';
import type { CoordinationEntry } from '../coordination/types.js';
import type { NightModel } from '../model/types.js';
import { mdCode, mdTable, mdText } from '../render/markdown-escape.js';
import { clockIn, cut, plural } from './format.js';

/** DONE entries shown per agent (the latest); the rest are counted. */
const MAX_DONE_PER_AGENT = 5;

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
  for (const [agent, list] of byAgent) {
    const sorted = [...list].sort(
      (a, b) => rank(a.status) - rank(b.status) || a.at.getTime() - b.at.getTime(),
    );
    // every entry that is not DONE, and the latest DONE ones
    const doneEntries = sorted.filter((e) => e.status === 'DONE');
    const hidden = Math.max(0, doneEntries.length - MAX_DONE_PER_AGENT);
    const shown = sorted.filter((e) => e.status !== 'DONE' || doneEntries.indexOf(e) >= hidden);
    const lines = shown.map((e) => {
      const outputs = (e.output ?? '')
        .split(/[,\n]/)
        .map((o) => o.trim())
        .filter(Boolean);
      const unique = [...new Set(outputs)].slice(0, 6).map(mdCode).join(', ');
      const to = e.to.toLowerCase() === 'all' ? '' : ` to ${mdText(e.to)}:`;
      const head = `- **${mdText(e.status ?? '?')}** ${clock(e.at)}${to}${e.task ? ` ${mdText(cut(e.task, 160))}` : ''}${unique ? ` · ${unique}` : ''}`;
      return e.notes ? `${head} — _${mdText(cut(e.notes, 140))}_` : head;
    });
    if (hidden > 0)
      lines.unshift(
        `- … ${hidden} earlier DONE ${hidden === 1 ? 'entry' : 'entries'} (in report.md and the coordination file)`,
      );
    parts.push(`### ${mdText(agent)}\n\n${lines.join('\n')}`);
  }
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
