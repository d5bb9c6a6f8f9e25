import type { JournalEvent, PaneState } from '../../core/index.js';
import type { CoordinationEntry, StatusLine } from '../coordination/types.js';
import type { FailureItem } from './types.js';

const FAILED = new Set(['ERROR', 'FAILED', 'FAIL', 'FAILURE', 'ABORTED']);
/** A status-log ERROR this close to a failed coordination entry of the same agent is the same failure. */
const TWIN_MS = 10 * 60_000;
/** An exit this soon after a start means the agent never got going. */
export const QUICK_EXIT_MS = 10_000;
/** Screens only a running agent draws (an error or plain output may be the shell's own). */
const LIFE_SIGNS = new Set<PaneState>(['input', 'busy', 'confirm', 'question', 'limit', 'secret']);
const SHELL_CODES: Record<number, string> = { 126: 'not executable', 127: 'command not found' };

/** What went wrong: final exits, error findings, ERROR lines and failed entries of the agents' records, tmux lost. */
export function failures(
  events: readonly JournalEvent[],
  options: {
    entries: readonly CoordinationEntry[];
    statusLines: readonly StatusLine[];
    agentOfTag: (tag: string) => string | undefined;
    cutShort: Date | undefined;
  },
  clean: (text: string) => string,
): FailureItem[] {
  const byKey = new Map<string, FailureItem>();
  const add = (item: Omit<FailureItem, 'count'>, key: string) => {
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, count: seen.count + 1 } : { ...item, count: 1 });
  };
  const lastStart = new Map<string, number>();
  for (const e of events)
    if (e.type === 'agent-started' || e.type === 'agent-restarted') lastStart.set(e.agent, Date.parse(e.t));
  let tmuxLost: JournalEvent | undefined;
  const startedAt = new Map<string, { t: number; command: string }>();
  /** agents whose program drew a screen of its own since its last start: it did start, whenever it exited */
  const showedLife = new Set<string>();
  for (const e of events) {
    if (e.type === 'agent-started' && !e.adopted)
      startedAt.set(e.agent, { t: Date.parse(e.t), command: e.command });
    else if (e.type === 'agent-restarted') startedAt.set(e.agent, { t: Date.parse(e.t), command: e.command });
    if (e.type === 'agent-started' || e.type === 'agent-restarted') showedLife.delete(e.agent);
    if (e.type === 'state' && LIFE_SIGNS.has(e.to)) showedLife.add(e.agent);
    if (e.type === 'finding' && e.kind === 'exited') {
      const start = startedAt.get(e.agent);
      const status = exitStatus(e.data);
      const after = start ? Date.parse(e.t) - start.t : Infinity;
      const quick = after <= QUICK_EXIT_MS && !showedLife.has(e.agent);
      if (!quick && (status === undefined || !SHELL_CODES[status])) continue;
      const how = status === undefined ? 'exited' : `exited with status ${status}`;
      const why = status !== undefined && SHELL_CODES[status] ? ` (${SHELL_CODES[status]})` : '';
      const when = Number.isFinite(after) ? ` ${Math.max(1, Math.round(after / 1000))}s after its start` : '';
      add(
        {
          agent: e.agent,
          at: new Date(e.t),
          what: `could not start: ${how}${why}${when}`,
          detail: start ? clean(start.command) : undefined,
          couldNotStart: true,
        },
        `nostart|${e.agent}`,
      );
      continue;
    }
    if (e.type === 'agent-exited') {
      if ((lastStart.get(e.agent) ?? 0) > Date.parse(e.t)) continue; // restarted later: a rescue, not a failure
      const status = e.status === undefined ? '' : ` with status ${e.status}`;
      add(
        {
          agent: e.agent,
          at: new Date(e.t),
          what: `exited${status} and was not restarted`,
          detail: clean(e.detail),
        },
        `exit|${e.agent}`,
      );
    } else if (
      e.type === 'finding' &&
      (e.severity === 'error' || e.severity === 'critical') &&
      e.kind !== 'exited'
    ) {
      add(
        { agent: e.agent, at: new Date(e.t), what: clean(e.summary), detail: undefined },
        `finding|${e.agent}|${e.summary}`,
      );
    } else if (e.type === 'tmux-lost') tmuxLost = e;
    else if (e.type === 'tmux-restored') tmuxLost = undefined;
  }
  if (tmuxLost && tmuxLost.type === 'tmux-lost')
    add(
      {
        agent: undefined,
        at: new Date(tmuxLost.t),
        what: 'the tmux server was lost and not restored',
        detail: clean(tmuxLost.detail),
      },
      'tmux',
    );
  if (options.cutShort)
    add(
      {
        agent: undefined,
        at: options.cutShort,
        what: 'the journal stops here without a night end: nightshift itself stopped (crash or kill)',
        detail: undefined,
      },
      'cut',
    );
  // agents often record one failure twice, as a coordination entry and as a status-log line: list it once
  const entryFailures = options.entries.filter((e) => e.status && FAILED.has(e.status));
  const sameFailure = (agent: string, at: Date) =>
    entryFailures.some(
      (e) =>
        e.from.toLowerCase() === agent.toLowerCase() && Math.abs(e.at.getTime() - at.getTime()) <= TWIN_MS,
    );
  for (const l of options.statusLines) {
    if (l.status !== 'ERROR') continue;
    const agent = options.agentOfTag(l.tag) ?? l.tag;
    if (sameFailure(agent, l.at)) continue;
    add(
      { agent, at: l.at, what: `status log ERROR: ${clean(l.text)}`, detail: undefined },
      `status|${l.tag}|${l.text}`,
    );
  }
  for (const e of options.entries) {
    if (!e.status || !FAILED.has(e.status)) continue;
    add(
      {
        agent: e.from,
        at: e.at,
        what: `coordination entry ${e.status}${e.task ? `: ${clean(e.task)}` : ''}`,
        detail: e.notes ? clean(e.notes) : undefined,
      },
      `coord|${e.line}`,
    );
  }
  return [...byKey.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

function exitStatus(data: unknown): number | undefined {
  const status = data && typeof data === 'object' ? (data as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}
