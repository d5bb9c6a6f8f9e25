import { writePrivateFile } from '../../core/files/private.js';
import { join } from 'node:path';
import type { CompiledReport, Config, NightRecord, ReportSection } from '../../core/index.js';
import { analyzeNight } from '../model/analyze.js';
import type { Verdict } from '../model/types.js';
import { redact } from '../redact.js';
import { escapeHtml } from '../render/html-escape.js';
import { formatClock } from '../time.js';
import { sectionHtml, htmlDocument } from './document.js';
import { cutNote, cutSection, type FittedSection } from './fit.js';
import { headerHtml, headerMarkdown, subjectLine, type Counts } from './header.js';

/** Sections ordered at or after this are per-agent detail (they weigh less when room is shared). */
const DETAIL_ORDER = 90;

/** Gmail clips messages whose HTML exceeds about 102 KB; stay under this. */
export const HTML_LIMIT = 100_000;

/** What compileReport needs besides the night and the sections. */
export interface CompileOptions {
  /** the validated config: `report.email.subjectPrefix`, `coordination` */
  readonly config: Pick<Config, 'coordination'> & { readonly report?: Config['report'] };
  /** plugins the host switched off tonight */
  readonly disabledPlugins?: readonly { plugin: string; failures: number; firstError: string }[];
  /** literal secret values (from `${VAR}` references) to redact as well */
  readonly secrets?: readonly string[];
  /** HTML size limit in bytes; default 100 000 */
  readonly htmlLimit?: number;
  readonly now?: () => Date;
}

/** The compiled report, with what the subject was built from. */
export interface CompiledNightReport extends CompiledReport {
  readonly verdict: Verdict;
  readonly counts: Counts;
  /** ids of sections cut to fit the email */
  readonly truncated: readonly string[];
}

/**
 * Compiles the morning report from the night and the sections reporter plugins returned: the
 * subject (verdict and counts), the markdown (all sections, also the text part of the email),
 * and the HTML email (styles inlined, under the size limit: detail sections are cut with a note,
 * "needs you" never). Every section is redacted again here, whoever wrote it. Writes report.md
 * (whole) and report.html into the run directory.
 */
export async function compileReport(
  night: NightRecord,
  sections: readonly ReportSection[],
  options: CompileOptions,
): Promise<CompiledNightReport> {
  const now = options.now?.() ?? new Date();
  const model = await analyzeNight(night, {
    coordination: options.config.coordination,
    git: false,
    ...(options.disabledPlugins ? { disabledPlugins: options.disabledPlugins } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const subject = subjectLine(model, options.config.report?.email?.subjectPrefix ?? 'nightshift');
  const ordered = orderSections(sections, options.secrets ?? []);
  const files = { markdown: join(night.runDir, 'report.md'), html: join(night.runDir, 'report.html') };
  const footerMd = `Built by nightshift from the journal (\`events.jsonl\`), the pane logs (\`logs/\`) and the agents' coordination records in \`${night.runDir}\`.`;
  const header = headerMarkdown(model, now);
  const markdown =
    [header, ...ordered.map((s) => `## ${s.title}\n\n${s.markdown}`), `---\n\n${footerMd}`].join('\n\n') +
    '\n';

  const limit = options.htmlLimit ?? HTML_LIMIT;
  const headHtml = headerHtml(model, now);
  const footer = `Built by nightshift at ${escapeHtml(formatClock(now, model.timeZone))} from the journal, the pane logs and the agents' coordination records. The whole report is attached as report.md and kept at ${escapeHtml(files.markdown)}.`;
  const fitted = fitSections(
    ordered,
    (bodies) => Buffer.byteLength(htmlDocument(subject, headHtml, bodies, footer), 'utf8'),
    limit,
    files.markdown,
  );
  const html = htmlDocument(
    subject,
    headHtml,
    fitted.map((s) => s.html),
    footer,
  );
  const text =
    [header, ...fitted.map((s) => `## ${s.title}\n\n${s.markdown}`), `---\n\n${footerMd}`].join('\n\n') +
    '\n';

  writePrivateFile(files.markdown, markdown);
  writePrivateFile(files.html, html);
  return {
    night: night.id,
    subject,
    markdown,
    html,
    text,
    files,
    verdict: model.verdict,
    counts: model.counts,
    truncated: fitted.filter((s) => s.truncated).map((s) => s.id),
  };
}

/** Valid sections, redacted, ids made unique, sorted by order (unordered user sections go before the detail). */
function orderSections(sections: readonly ReportSection[], secrets: readonly string[]): ReportSection[] {
  const seen = new Set<string>();
  return sections
    .filter(
      (s) => s && typeof s.id === 'string' && typeof s.title === 'string' && typeof s.markdown === 'string',
    )
    .map((s, i) => {
      let id = s.id;
      for (let n = 2; seen.has(id); n++) id = `${s.id}-${n}`;
      seen.add(id);
      return {
        section: { ...s, id, title: redact(s.title, secrets), markdown: redact(s.markdown, secrets) },
        i,
      };
    })
    .sort((a, b) => (a.section.order ?? 80) - (b.section.order ?? 80) || a.i - b.i)
    .map((x) => x.section);
}

/**
 * Fits the sections into `limit` bytes of HTML. Sections that are not truncatable are kept whole;
 * the truncatable ones share what is left fairly (summary sections weigh three times a per-agent
 * detail), so every agent keeps its last screen rather than the first agents taking all.
 */
function fitSections(
  sections: readonly ReportSection[],
  measure: (bodies: readonly string[]) => number,
  limit: number,
  where: string,
): FittedSection[] {
  const whole: FittedSection[] = sections.map((s) => ({
    id: s.id,
    title: s.title,
    markdown: s.markdown,
    html: sectionHtml(s.title, s.markdown),
    truncated: false,
  }));
  if (measure(whole.map((s) => s.html)) <= limit) return whole;
  const note = cutNote(where);
  const noteCost = Buffer.byteLength(sectionHtml('x'.repeat(40), note), 'utf8');
  const size = (s: FittedSection) => Buffer.byteLength(s.html, 'utf8');
  const order = (s: FittedSection) => sections.find((x) => x.id === s.id)?.order ?? 80;
  let slack = 0;
  for (let attempt = 0; attempt < 4; attempt++) {
    const fixed = measure(whole.filter((s) => !isTruncatable(sections, s.id)).map((s) => s.html));
    let left = limit - fixed - slack;
    const budgets = new Map<string, number>();
    // water-filling: sections that fit their share stay whole, the rest get an equal share of what
    // is left, summary sections (produced, rescues, …) weighing three times a per-agent detail
    const weight = (s: FittedSection) => (order(s) < DETAIL_ORDER ? 3 : 1);
    let remaining = whole
      .filter((s) => isTruncatable(sections, s.id))
      .sort((a, b) => size(a) / weight(a) - size(b) / weight(b));
    while (remaining.length > 0) {
      const total = remaining.reduce((sum, s) => sum + weight(s), 0);
      const s = remaining[0]!;
      const share = Math.max(noteCost, Math.floor((left * weight(s)) / total));
      const budget = Math.min(size(s), share);
      budgets.set(s.id, budget);
      left -= budget;
      remaining = remaining.slice(1);
    }
    const out = whole.map((s) => {
      const budget = budgets.get(s.id);
      if (budget === undefined || budget >= size(s)) return s;
      return cutSection(s.id, s.title, s.markdown, budget, note);
    });
    const total = measure(out.map((s) => s.html));
    if (total <= limit) return out;
    slack += total - limit + 512;
  }
  return whole.map((s) =>
    isTruncatable(sections, s.id) ? cutSection(s.id, s.title, '', noteCost, note) : s,
  );
}

function isTruncatable(sections: readonly ReportSection[], id: string): boolean {
  return sections.find((s) => s.id === id)?.truncatable === true;
}
