import type { EscalationKind, JournalEvent } from '../../core/index.js';
import type { CoordinationEntry, StatusLine } from '../coordination/types.js';
import type { NeedsYouItem } from './types.js';

/** The one thing to do, per kind of escalation. */
const ACTIONS: Record<EscalationKind, string> = {
  'blocked-command':
    'Review the command the guard blocked; run it yourself if it is safe, or give the agent another way.',
  'held-command': 'Decide on the command the guard held (it could not be sure it is safe).',
  secret:
    'Type the secret into its pane yourself, or stop the agent: nightshift never answers secret prompts.',
  'given-up': 'Look at its pane and restart it: nightshift stopped trying.',
  credit: 'Top up credit or change plan: this limit cannot be waited out.',
  plugin: 'A plugin asked for attention.',
  stuck: 'Look at its pane: it has been stuck.',
  other: 'Look at its pane.',
};

/** Coordination statuses that ask a person for something. */
const ASKING = new Set([
  'WAIT',
  'WAITING',
  'HELP',
  'BLOCKED',
  'QUESTION',
  'NEEDS-HUMAN',
  'NEEDS_HUMAN',
  'REVIEW',
]);

interface Builder {
  add(item: Omit<NeedsYouItem, 'count'>, key: string): void;
  items(): NeedsYouItem[];
}

/** Collects items, merging repeats of the same ask into one with a count. */
function builder(): Builder {
  const byKey = new Map<string, NeedsYouItem>();
  return {
    add(item, key) {
      const seen = byKey.get(key);
      if (seen && item.kind === 'given-up') return; // the escalation and the given-up event are one ask
      byKey.set(key, seen ? { ...seen, count: seen.count + 1 } : { ...item, count: 1 });
    },
    items: () => [...byKey.values()].sort((a, b) => a.since.getTime() - b.since.getTime()),
  };
}

/** The morning's to-do list: escalations, agents given up on, agents still at a prompt, and asks in the agents' own records. */
export function needsYou(
  events: readonly JournalEvent[],
  options: {
    atDawn: ReadonlyMap<string, string>;
    entries: readonly CoordinationEntry[];
    statusLines: readonly StatusLine[];
    agentOfTag: (tag: string) => string | undefined;
  },
  clean: (text: string) => string,
): NeedsYouItem[] {
  const b = builder();
  const givenUp = new Set<string>();
  const escalatedWaiting = new Set<string>();
  for (const e of events) {
    if (e.type === 'escalation') {
      const command = e.command ? clean(e.command) : undefined;
      const detail = clean(e.reason);
      const key =
        e.kind === 'given-up' ? `given-up|${e.agent}` : `esc|${e.agent}|${e.kind}|${command ?? detail}`;
      b.add(
        { kind: e.kind, agent: e.agent, since: new Date(e.t), action: ACTIONS[e.kind], detail, command },
        key,
      );
      if (e.kind === 'given-up') givenUp.add(e.agent);
      if (e.kind === 'secret' || e.kind === 'blocked-command' || e.kind === 'held-command')
        escalatedWaiting.add(e.agent);
    } else if (e.type === 'agent-given-up' && !givenUp.has(e.agent)) {
      givenUp.add(e.agent);
      b.add(
        {
          kind: 'given-up',
          agent: e.agent,
          since: new Date(e.t),
          action: `${ACTIONS['given-up']} (${e.restarts} restarts)`,
          detail: clean(e.reason),
          command: undefined,
        },
        `given-up|${e.agent}`,
      );
    }
  }
  for (const [agent, state] of options.atDawn) {
    if (escalatedWaiting.has(agent) || givenUp.has(agent)) continue;
    if (state === 'secret' || state === 'confirm') {
      const what = state === 'secret' ? 'a secret prompt' : 'a confirmation nobody answered';
      b.add(
        {
          kind: 'still-waiting',
          agent,
          since: lastStateChange(events, agent) ?? new Date(),
          action: `It is waiting at ${what} right now; answer it in its pane.`,
          detail: undefined,
          command: undefined,
        },
        `dawn|${agent}`,
      );
    }
  }
  for (const entry of openAsks(options.entries)) {
    const task = entry.task ? clean(entry.task) : undefined;
    b.add(
      {
        kind: 'coordination',
        agent: entry.from,
        since: entry.at,
        action: `Answer ${entry.from}'s ${entry.status} entry for ${entry.to}${task ? `: ${task}` : ''}.`,
        detail: entry.notes ? clean(entry.notes) : undefined,
        command: undefined,
      },
      `coord|${entry.line}`,
    );
  }
  for (const line of openStatusAsks(options.statusLines)) {
    const agent = options.agentOfTag(line.tag);
    b.add(
      {
        kind: 'status-log',
        agent: agent ?? line.tag,
        since: line.at,
        action: `Answer its ${line.status}: ${clean(line.text)}`,
        detail: undefined,
        command: undefined,
      },
      `status|${line.tag}|${line.text}`,
    );
  }
  return b.items();
}

function lastStateChange(events: readonly JournalEvent[], agent: string): Date | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'state' && e.agent === agent) return new Date(e.t);
  }
  return undefined;
}

/** Entries asking for something that no later entry from the same agent about the same task settled. */
export function openAsks(entries: readonly CoordinationEntry[]): CoordinationEntry[] {
  return entries.filter((entry, i) => {
    if (!entry.status || !ASKING.has(entry.status)) return false;
    return !entries
      .slice(i + 1)
      .some(
        (later) =>
          later.from === entry.from &&
          sameTask(later, entry) &&
          later.status !== undefined &&
          !ASKING.has(later.status),
      );
  });
}

function sameTask(a: CoordinationEntry, b: CoordinationEntry): boolean {
  return !a.task || !b.task || a.task.trim().toLowerCase() === b.task.trim().toLowerCase();
}

/** HELP and WAIT lines of the status log after which the same source wrote nothing. */
export function openStatusAsks(lines: readonly StatusLine[]): StatusLine[] {
  const lastByTag = new Map<string, StatusLine>();
  for (const l of lines) lastByTag.set(l.tag, l);
  return [...lastByTag.values()].filter((l) => l.status === 'HELP' || l.status === 'WAIT');
}
