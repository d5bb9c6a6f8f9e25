import { z } from 'zod';
import { definePlugin, duration, type NewFinding } from '../../core/index.js';

const pattern = z.strictObject({
  /** short name shown in findings, e.g. `rust-panic` */
  name: z.string().min(1),
  /** regular expression over one screen row: `Error: ` (case-sensitive) or `/error: /i` (with flags) */
  regex: z
    .string()
    .min(1)
    .refine((s) => {
      try {
        toRegExp(s);
        return true;
      } catch {
        return false;
      }
    }, 'not a regular expression'),
  /** the program cannot go on after this (a panic, an out-of-memory abort) */
  fatal: z.boolean().default(false),
});

const options = z.strictObject({
  /** your patterns, checked before the built-in ones */
  patterns: z.array(pattern).default([]),
  /** keep the built-in patterns (stack traces, `Error:`, `FAILED`, panics) */
  defaults: z.boolean().default(true),
  /** rows matching any of these are never reported (e.g. expected test failures) */
  ignore: z.array(z.string()).default([]),
  /** rows of context before and after the error row */
  context: z.number().int().min(0).max(20).default(3),
  /** the same error row is reported again only after this long */
  dedupe: duration('30m').default(30 * 60_000),
  /** at most this many error findings per agent per hour */
  perHour: z.number().int().min(1).default(12),
});

type Options = z.output<typeof options>;
/** Rows reported recently (normalised row → when), and when findings were sent in the last hour. */
type State = { seen?: Record<string, number>; sent?: number[] };

/** Built-in patterns: the first row of a stack trace or failure, so one trace is one finding. */
export const DEFAULT_ERROR_PATTERNS: readonly z.input<typeof pattern>[] = [
  { name: 'python-traceback', regex: String.raw`^Traceback \(most recent call last\):` },
  { name: 'js-error', regex: String.raw`^\s*(?:Uncaught\s+)?(?:[A-Z]\w*)?Error(?: \[[A-Z_]+\])?: \S` },
  {
    name: 'java-exception',
    regex: String.raw`^Exception in thread "|^\s*(?:[a-z]\w*\.)+[A-Z]\w*(?:Exception|Error)(?::|$)`,
  },
  {
    name: 'stack-frame',
    regex: String.raw`^\s+at (?:.+ \()?(?:file:\/\/|\/|[A-Za-z]:\\|node:)\S+:\d+:\d+\)?$`,
  },
  { name: 'failed', regex: String.raw`\bFAILED\b|^FAIL\s+\S` },
  { name: 'rust-panic', regex: String.raw`thread '.+' panicked at `, fatal: true },
  { name: 'go-panic', regex: String.raw`^panic: `, fatal: true },
  {
    name: 'fatal',
    regex: String.raw`^FATAL ERROR:|^fatal error:|Segmentation fault|core dumped`,
    fatal: true,
  },
  { name: 'compile-error', regex: String.raw`^error(?:\[E\d+\])?: ` },
  { name: 'npm-error', regex: String.raw`^npm (?:ERR!|error) ` },
];

const HOUR = 3_600_000;
/** The gutter Claude Code draws in front of a tool's output. */
const GUTTER = /^\s*⎿\s*/u;

/**
 * `error`: error rows that are new on screen since the previous snapshot (configurable regexes; defaults for stack
 * traces, `Error:`, `FAILED`, panics), with context rows, deduplicated and rate-limited per agent; and a live agent
 * stopped on an error its profile calls fatal (pattern `agent-fatal`), so it is escalated.
 */
export default definePlugin<Options, State>({
  name: 'error',
  options,
  check(snapshot, ctx) {
    const o = ctx.options;
    const patterns = compiled(o);
    const ignore = o.ignore.map(toRegExp);
    const rows = snapshot.lines;
    const now = ctx.now().getTime();
    const state = ctx.agentState.get() ?? {};
    const seen = pruned(state.seen ?? {}, now - o.dedupe);
    const sent = (state.sent ?? []).filter((t) => t > now - HOUR);
    const findings: NewFinding[] = [];
    let skipTo = -1;
    // only rows the agent printed since the last look: what nightshift typed is never the agent's error
    for (const { text: shown, row: i, by } of ctx.screen.newRows) {
      if (by !== 'agent' || i <= skipTo) continue;
      const row = rows[i]!;
      const text = shown.trim();
      if (!text || ignore.some((re) => re.test(row))) continue;
      // a tool's output under an agent's gutter (`  ⎿  npm error …`) is read without the gutter
      const bare = shown.replace(GUTTER, '');
      const hit = patterns.find((p) => p.re.test(row) || p.re.test(shown) || p.re.test(bare));
      if (!hit) continue;
      // a frame under an error (or under another frame) belongs to that error's trace, never a finding of its own
      const above = rows[i - 1] ?? '';
      if (hit.name === 'stack-frame' && patterns.some((p) => p.re.test(above))) continue;
      const key = text.replace(/\d+/g, '#');
      if (seen[key] !== undefined) continue;
      if (sent.length >= o.perHour) break;
      seen[key] = now;
      sent.push(now);
      const fatal = hit.fatal || ctx.classification.state === 'error';
      findings.push({
        kind: 'error',
        severity: fatal ? 'error' : 'warn',
        summary: `${ctx.agent.name}: ${text.slice(0, 160)}`,
        data: { line: text, context: contextOf(rows, i, o.context), pattern: hit.name, fatal },
        evidence: { rule: `error.${hit.name}`, lines: [text] },
      });
      skipTo = i + o.context; // the trace's next rows are this finding's context
    }
    // a live agent stopped on an error its profile calls fatal (an invalid key, an expired login) that no pattern names
    const c = ctx.classification;
    const stuck = c.state === 'error' && c.rule.endsWith('.fatal') ? c.evidence.at(-1) : undefined;
    if (
      !findings.length &&
      stuck &&
      seen[stuck.replace(/\d+/g, '#')] === undefined &&
      sent.length < o.perHour
    ) {
      seen[stuck.replace(/\d+/g, '#')] = now;
      sent.push(now);
      findings.push({
        kind: 'error',
        severity: 'error',
        summary: `${ctx.agent.name}: ${stuck.slice(0, 160)}`,
        data: { line: stuck, context: c.evidence.slice(0, -1), pattern: 'agent-fatal', fatal: true },
        evidence: { rule: c.rule, lines: [stuck] },
      });
    }
    if (findings.length || Object.keys(seen).length !== Object.keys(state.seen ?? {}).length)
      ctx.agentState.set({ seen, sent });
    return findings;
  },
});

const cache = new WeakMap<object, { name: string; re: RegExp; fatal: boolean }[]>();

/** The options' patterns then the defaults, compiled once per options object. */
function compiled(o: Options): { name: string; re: RegExp; fatal: boolean }[] {
  let list = cache.get(o);
  if (!list) {
    const all = [...o.patterns, ...(o.defaults ? DEFAULT_ERROR_PATTERNS : [])];
    cache.set(o, (list = all.map((p) => ({ name: p.name, re: toRegExp(p.regex), fatal: p.fatal ?? false }))));
  }
  return list;
}

/** `source` or `/source/flags` as a RegExp (always with `u`). */
function toRegExp(text: string): RegExp {
  const literal = /^\/(.+)\/([imsu]*)$/s.exec(text);
  return literal
    ? new RegExp(literal[1]!, literal[2]!.includes('u') ? literal[2] : `${literal[2]}u`)
    : new RegExp(text, 'u');
}

function contextOf(rows: readonly string[], i: number, n: number): string[] {
  return rows.slice(Math.max(0, i - n), i + n + 1).filter((r) => r.trim() !== '');
}

function pruned(seen: Record<string, number>, after: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, t] of Object.entries(seen)) if (t > after) out[k] = t;
  return out;
}
