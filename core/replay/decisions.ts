// What a night decided, read from a journal (the real one, or a replay's), and how two of them differ.
// A decision is one outcome (answered, held, typed, restarted, escalated:<kind>…) on one screen of one agent, or on
// one command its hook asked about. Two journals are compared decision by decision: the same outcome for the same agent
// on the same screen, or within a few ticks of it (a replay's ticks do not fall on the night's exact milliseconds).
import type { JournalEvent } from '../journal/events.js';
import type { RecordIndex } from './replay-night.js';

/** One decision. */
export interface Decision {
  readonly agent: string;
  /** epoch ms */
  readonly t: number;
  /** answered, declined, typed, pressed, interrupted, restarted, waited, held, blocked, over-budget, escalated:<kind>, gave-up */
  readonly outcome: string;
  /** the screen's record id, or `hook:<command>` for a decision on the hook channel */
  readonly key: string;
  readonly plugin: string;
  readonly rule: string | undefined;
  readonly command: string | undefined;
  readonly reason: string;
}

/** A decision that would change: what the night did on that screen, what the config would do. */
export interface Difference {
  readonly agent: string;
  /** ISO time on the night's clock */
  readonly at: string;
  /** `held → answered`, `answered → held`, `nothing → typed`, … */
  readonly change: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
  /** the plugin and rule responsible (the replay's, else the night's) */
  readonly plugin: string;
  readonly rule: string | undefined;
  readonly command: string | undefined;
  readonly reason: string;
  /** a few rows of the screen it happened on */
  readonly excerpt: readonly string[];
}

const ACTIONS: Record<string, string> = {
  answer: 'answered',
  decline: 'declined',
  type: 'typed',
  press: 'pressed',
  interrupt: 'interrupted',
  restart: 'restarted',
};

/**
 * The decisions of a journal. `shownAt(agent, t, i)` says which recorded screen the agent showed for event `i` at
 * `t`; `recordId(hash)` finds the screen an event's `screenHash` names (undefined: use what was shown).
 */
export function decisionsOf(
  events: readonly JournalEvent[],
  shownAt: (agent: string, t: number, i: number) => string | undefined,
  recordId: (hash: string) => string | undefined,
): Decision[] {
  const out: Decision[] = [];
  const seen = new Set<string>();
  events.forEach((e, i) => {
    const outcome = outcomeOf(e);
    if (!outcome || !('agent' in e) || typeof e.agent !== 'string') return;
    const t = Date.parse(e.t);
    const command = 'command' in e && typeof e.command === 'string' ? e.command : undefined;
    const channel = 'channel' in e ? e.channel : undefined;
    const hash = 'screenHash' in e && typeof e.screenHash === 'string' ? e.screenHash : '';
    const key =
      channel === 'hook'
        ? `hook:${command ?? ''}`
        : ((hash ? recordId(hash) : undefined) ?? shownAt(e.agent, t, i) ?? '?');
    const id = `${e.agent}\u0000${outcome}\u0000${key}`;
    if (seen.has(id)) return; // the same outcome on the same screen again (a dry run answers each tick)
    seen.add(id);
    out.push({
      agent: e.agent,
      t,
      outcome,
      key,
      plugin: 'plugin' in e && typeof e.plugin === 'string' ? e.plugin : 'core',
      rule: ruleOf(e),
      command,
      reason: 'reason' in e && typeof e.reason === 'string' ? e.reason : '',
    });
  });
  return out;
}

function outcomeOf(e: JournalEvent): string | undefined {
  switch (e.type) {
    case 'action':
      return ACTIONS[e.action];
    case 'refusal':
      if (e.why === 'guard') return e.verdict === 'block' ? 'blocked' : 'held';
      return e.why === 'budget' ? 'over-budget' : undefined;
    case 'escalation':
      // leaving a command's dialog for a person is the decision to hold (or block) it
      if (e.kind === 'held-command') return 'held';
      if (e.kind === 'blocked-command') return 'blocked';
      return `escalated:${e.kind}`;
    case 'wait':
      return 'waited';
    case 'agent-given-up':
      return 'gave-up';
    default:
      return undefined;
  }
}

function ruleOf(e: JournalEvent): string | undefined {
  if (e.type === 'action') return e.allowedBy?.rule ?? e.rule; // an exception that let it through explains it best
  if (e.type === 'refusal') return e.rule ?? undefined;
  return undefined;
}

/** The decisions that differ between the night (`before`) and the replay (`after`), grouped per screen. */
export function diffDecisions(
  before: readonly Decision[],
  after: readonly Decision[],
  o: {
    readonly toleranceMs: number;
    readonly excerpt: (key: string, command: string | undefined) => string[];
  },
): Difference[] {
  const left = [...before];
  const right = [...after];
  const matched = new Set<Decision>();
  // the same screen first, then the nearest in time within the tolerance
  for (const sameKey of [true, false])
    for (const b of left) {
      if (matched.has(b)) continue;
      let best: Decision | undefined;
      for (const a of right) {
        if (matched.has(a) || a.agent !== b.agent || a.outcome !== b.outcome) continue;
        const near = Math.abs(a.t - b.t) <= o.toleranceMs;
        if (sameKey ? a.key !== b.key : !near) continue;
        if (!best || Math.abs(a.t - b.t) < Math.abs(best.t - b.t)) best = a;
      }
      if (best) {
        matched.add(b);
        matched.add(best);
      }
    }
  const lost = left.filter((d) => !matched.has(d)).map((d) => ({ d, side: 'before' as const }));
  const found = right.filter((d) => !matched.has(d)).map((d) => ({ d, side: 'after' as const }));
  const rest = [...lost, ...found].sort((x, y) => x.d.t - y.d.t);
  // one difference per agent and screen (or moment): what the night did there against what the replay did
  const groups: { agent: string; t: number; keys: Set<string>; items: typeof rest }[] = [];
  for (const item of rest) {
    const g = groups.find(
      (x) =>
        x.agent === item.d.agent && (x.keys.has(item.d.key) || Math.abs(item.d.t - x.t) <= o.toleranceMs),
    );
    if (g) {
      g.items.push(item);
      g.keys.add(item.d.key);
    } else groups.push({ agent: item.d.agent, t: item.d.t, keys: new Set([item.d.key]), items: [item] });
  }
  return groups.map((g) => {
    const was = g.items.filter((i) => i.side === 'before').map((i) => i.d);
    const now = g.items.filter((i) => i.side === 'after').map((i) => i.d);
    const lead = now[0] ?? was[0]!;
    const b = was.map((d) => d.outcome);
    const a = now.map((d) => d.outcome);
    const command = now.find((d) => d.command)?.command ?? was.find((d) => d.command)?.command;
    return {
      agent: g.agent,
      at: new Date(g.t).toISOString(),
      change: `${headline(b)} → ${headline(a)}`,
      before: b,
      after: a,
      plugin: lead.plugin,
      rule: lead.rule,
      command,
      reason: lead.reason,
      excerpt: o.excerpt(lead.key, command),
    };
  });
}

/** The main outcome of a list: the decision itself rather than the escalation that went with it. */
function headline(outcomes: readonly string[]): string {
  if (!outcomes.length) return 'nothing';
  const main = outcomes.filter((x) => !x.startsWith('escalated:'));
  return (main.length ? main : outcomes).join(' + ');
}

/** Which recorded screen `agent` showed at `t` on the night (the last one that came up at or before `t`). */
export function shownInRecord(index: RecordIndex, agent: string, t: number): string | undefined {
  const tl = index.timelines.get(agent);
  if (!tl) return undefined;
  let lo = 0;
  let hi = tl.times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tl.times[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? undefined : tl.ids[found];
}
