import { existsSync } from 'node:fs';
import type { JournalEvent, ReportSection } from '../../core/index.js';
import type { AgentSummary, NightModel } from '../model/types.js';
import { redact } from '../redact.js';
import { mdCode, mdFence, mdText } from '../render/markdown-escape.js';
import {
  offsetMarks,
  readLogCut,
  summarizeTranscript,
  type OffsetMark,
  type SizeChange,
  type TranscriptSummary,
} from '../transcript/index.js';
import { clockIn, cut, plural } from './format.js';

/** How much of each agent's log goes into the report. */
export interface DetailOptions {
  /** transcript lines at the end; default 30 */
  readonly tailLines?: number;
  /** error excerpts; default 3 */
  readonly maxErrors?: number;
  /** characters per line before it is cut; default 160 */
  readonly lineWidth?: number;
  /** replay at most this much of the end of a log; default 256 MiB */
  readonly maxBytes?: number;
  readonly secrets?: readonly string[];
  readonly signal?: AbortSignal;
  /** replays the log; default `summarizeTranscript` in this thread (a `TranscriptPool`'s `summarize` uses a worker) */
  readonly summarize?: typeof summarizeTranscript;
}

/** The pane size at the start of the log and at each restart, from `agent-started` events placed by `pipe` offsets. */
export function paneSizes(
  events: readonly JournalEvent[],
  agent: string,
  marks: readonly OffsetMark[],
): { size: { cols: number; rows: number }; resizes: SizeChange[] } {
  const starts = events.filter(
    (e): e is Extract<JournalEvent, { type: 'agent-started' }> =>
      e.type === 'agent-started' && e.agent === agent,
  );
  const first = starts[0];
  const size = first ? { cols: first.cols, rows: first.rows } : { cols: 200, rows: 50 };
  const resizes: SizeChange[] = [];
  for (const s of starts.slice(1)) {
    const before = marks.filter((m) => m.at.getTime() <= Date.parse(s.t)).at(-1);
    if (before) resizes.push({ offset: before.offset, cols: s.cols, rows: s.rows });
  }
  return { size, resizes };
}

/** "<agent>": state, notes, last screen, errors in context and the end of the transcript. Truncatable. */
export async function agentDetailSection(
  model: NightModel,
  agent: AgentSummary,
  index: number,
  options: DetailOptions = {},
): Promise<ReportSection> {
  const clock = clockIn(model.timeZone);
  const width = options.lineWidth ?? 160;
  const events = model.night.events;
  const parts: string[] = [];
  const facts = [
    `at dawn: ${mdText(agent.atDawn)}`,
    plural(agent.restarts, 'restart'),
    plural(agent.rescues, 'rescue'),
  ];
  if (agent.cwd) facts.push(`cwd ${mdCode(agent.cwd)}`);
  parts.push(facts.join(' · '));

  const notes = events
    .filter((e): e is Extract<JournalEvent, { type: 'note' }> => e.type === 'note' && e.agent === agent.name)
    .slice(-10);
  if (notes.length)
    parts.push(
      notes
        .map((n) => `- ${clock(new Date(n.t))} ${mdText(cut(redact(n.text, options.secrets), 300))}`)
        .join('\n'),
    );

  const log = model.night.logs[agent.name];
  let summary: TranscriptSummary | undefined;
  if (!log || !existsSync(log)) parts.push('_No pane log was recorded for this agent._');
  else {
    const logCut = readLogCut(log);
    if (logCut)
      parts.push(
        `_The transcript was cut: the pane printed more than its log may keep (logs.maxMB), so ${(logCut.bytes / 1024 / 1024).toFixed(1)} MB of output were left out at byte ${logCut.offset} of ${mdCode(log)} (it first reached the cap at ${clock(logCut.since)}); the log keeps the start and the latest output._`,
      );
    const marks = offsetMarks(events, agent.name);
    const { size, resizes } = paneSizes(events, agent.name, marks);
    try {
      summary = await (options.summarize ?? summarizeTranscript)(log, {
        size,
        resizes,
        marks,
        tailLines: options.tailLines ?? 30,
        maxErrors: options.maxErrors ?? 3,
        ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
        ...(options.secrets ? { secrets: options.secrets } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      parts.push(
        `_The pane log could not be replayed: ${mdText(error instanceof Error ? error.message : String(error))}_`,
      );
    }
  }
  if (summary) {
    for (const w of summary.warnings) parts.push(`_${mdText(w)}_`);
    // the last screen first: it is what the agent shows now, and what survives when the email is cut
    const screen = trimBlank(summary.screen.lines).map((l) => cut(l, width));
    const title = summary.screen.title ? ` — ${mdCode(cut(summary.screen.title, 80))}` : '';
    parts.push(
      `**Last screen**${summary.screen.alternate ? ' (full-screen program)' : ''}${title}:\n\n${screen.length ? mdFence(screen) : '_blank_'}`,
    );
    if (summary.errors.length) {
      const blocks = summary.errors.map((e) => {
        const fence = mdFence([...e.before, `>> ${e.line}`, ...e.after].map((l) => cut(l, width)));
        return e.at ? `at ${clock(e.at)}:\n\n${fence}` : fence;
      });
      parts.push(`**Errors in context** (the last ${summary.errors.length}):\n\n${blocks.join('\n\n')}`);
    }
    if (summary.tail.length) {
      const tail = summary.tail.map((l) => `${l.at ? clock(l.at) : '     '} ${cut(l.text, width)}`);
      parts.push(`**Transcript tail** (${plural(summary.lines, 'line')} in all):\n\n${mdFence(tail)}`);
    }
  }
  return {
    id: `agent-${agent.name}`,
    title: `${agent.name} in detail`,
    markdown: parts.join('\n\n'),
    order: 90 + index / 1000,
    truncatable: true,
  };
}

function trimBlank(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}
