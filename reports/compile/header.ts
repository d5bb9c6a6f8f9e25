import type { NightModel, Verdict } from '../model/types.js';
import { escapeHtml } from '../render/html-escape.js';
import { mdTable } from '../render/markdown-escape.js';
import { lostToParks } from '../sections/parks.js';
import { formatClock, formatNightSpan } from '../time.js';

/** The counts in the order people read them. */
export interface Counts {
  readonly needsYou: number;
  readonly done: number;
  readonly failed: number;
  readonly rescues: number;
}

const VERDICT_WORDS: Record<Verdict, { word: string; bg: string; fg: string }> = {
  ok: { word: 'All good', bg: '#e8f5e9', fg: '#1b5e20' },
  attention: { word: 'Needs attention', bg: '#fff3e0', fg: '#8a4b00' },
  failed: { word: 'Something failed', bg: '#ffebee', fg: '#8e0000' },
};

/** `3 need you · 11 done · 2 failed`, or `All good · 11 done`; a dry run says so first. */
export function headline(model: NightModel): string {
  const { needsYou, done, failed } = model.counts;
  const parts: string[] = [];
  if (model.stoppedOnError !== undefined) parts.push('stopped early on an error');
  if (needsYou > 0) parts.push(`${needsYou} need${needsYou === 1 ? 's' : ''} you`);
  if (model.work.length) parts.push(tasksCount(model));
  parts.push(`${done} done`);
  const notStarted = model.failures.filter((f) => f.couldNotStart).length;
  if (failed > 0) parts.push(`${failed} failed${notStarted ? ` (${notStarted} could not start)` : ''}`);
  const parked = lostToParks(model.parks);
  if (parked) parts.push(parked);
  const broken = model.plugins.length;
  if (broken > 0) parts.push(`${broken} plugin${broken === 1 ? '' : 's'} failed`);
  const quiet = needsYou === 0 && failed === 0 && broken === 0;
  const line = quiet ? ['All good', ...parts] : parts;
  if (model.dryRun) line.unshift(`DRY RUN (${model.wouldDo.length} held back)`);
  return line.join(' · ');
}

/** `tasks 3 done, 1 failed, 1 blocked` (timed out counts as failed) for the queue's tasks. */
function tasksCount(model: NightModel): string {
  const n = (...states: string[]) => model.work.filter((w) => states.includes(w.state)).length;
  return `tasks ${n('done')} done, ${n('failed', 'timed-out')} failed, ${n('blocked')} blocked`;
}

/** The subject: prefix, verdict and counts, then the night. */
export function subjectLine(model: NightModel, prefix: string): string {
  const span = formatNightSpan(model.night.start, model.night.end, model.timeZone);
  return `[${prefix}] ${headline(model)} — night of ${span}`;
}

/** One line on what the report covers. */
function coverage(model: NightModel, compiledAt: Date): string {
  const tz = model.timeZone;
  const span = formatNightSpan(model.night.start, model.night.end, tz);
  const cut = model.cutShort ? ` (the journal stops at ${formatClock(model.window.end, tz)})` : '';
  return `Night of ${span}, ${formatClock(model.window.start, tz)}–${formatClock(model.night.end, tz)} ${tz}${cut} · ${model.agents.length} agent${model.agents.length === 1 ? '' : 's'} · compiled ${formatClock(compiledAt, tz)}`;
}

/** The report's opening in markdown: headline, coverage, counts table. */
export function headerMarkdown(model: NightModel, compiledAt: Date): string {
  const c = model.counts;
  return [
    `# ${VERDICT_WORDS[model.verdict].word}: ${headline(model)}`,
    coverage(model, compiledAt),
    mdTable(
      ['needs you', 'failed', 'done', 'rescues'],
      [[String(c.needsYou), String(c.failed), String(c.done), String(c.rescues)]],
      ['r', 'r', 'r', 'r'],
    ),
  ].join('\n\n');
}

const STRIP: readonly { key: keyof Counts; label: string; bg: string; fg: string }[] = [
  { key: 'needsYou', label: 'need you', bg: '#ffb74d', fg: '#4e2600' },
  { key: 'failed', label: 'failed', bg: '#ef9a9a', fg: '#7f0000' },
  { key: 'done', label: 'done', bg: '#a5d6a7', fg: '#1b5e20' },
  { key: 'rescues', label: 'rescues', bg: '#90caf9', fg: '#0d3c61' },
];

/** The report's opening in HTML: a verdict banner and a strip of counts, each coloured only when non-zero. */
export function headerHtml(model: NightModel, compiledAt: Date): string {
  const v = VERDICT_WORDS[model.verdict];
  const cells = STRIP.map((s) => {
    const n = model.counts[s.key];
    const bg = n > 0 ? s.bg : '#f5f5f5';
    const fg = n > 0 ? s.fg : '#9e9e9e';
    return `<td bgcolor="${bg}" width="25%" style="background-color:${bg};color:${fg};padding:8px 4px;text-align:center;border:2px solid #ffffff;font-family:Arial,Helvetica,sans-serif;"><div style="font-size:22px;font-weight:bold;line-height:1.1;">${n}</div><div style="font-size:12px;">${s.label}</div></td>`;
  }).join('');
  return (
    `<h1 style="font:bold 20px/1.3 Arial,Helvetica,sans-serif;color:#212121;margin:0 0 6px 0;">${escapeHtml(headline(model))}</h1>` +
    `<p style="font:13px/1.4 Arial,Helvetica,sans-serif;color:#616161;margin:0 0 12px 0;">${escapeHtml(coverage(model, compiledAt))}</p>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 6px 0;"><tr><td bgcolor="${v.bg}" style="background-color:${v.bg};color:${v.fg};padding:8px 10px;font:bold 14px Arial,Helvetica,sans-serif;">${escapeHtml(v.word)}</td></tr></table>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 8px 0;"><tr>${cells}</tr></table>`
  );
}

/** The verdict word for the subject and the status header. */
export function verdictWord(verdict: Verdict): string {
  return VERDICT_WORDS[verdict].word;
}
