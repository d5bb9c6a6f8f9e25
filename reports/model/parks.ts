// Parks: the stretches an agent sat waiting for a person (a question, a held command, a plan, a limit menu), read
// from the journal's state changes, with how each one ended.
import type { JournalEvent } from '../../core/index.js';
import type { ParkEnding, ParkItem, ParkWhat } from './types.js';

/** A gap this short between two sightings of the same park is the screen redrawing, not a new park. */
const REDRAW_MS = 10_000;

type State = Extract<JournalEvent, { type: 'state' }>;
type Action = Extract<JournalEvent, { type: 'action' }>;

interface Open {
  readonly agent: string;
  readonly state: State['to'];
  readonly rule: string;
  readonly since: number;
  escalations: string[];
  commands: string[];
  acts: Action[];
}

/** What a waiting stretch was, or undefined when nobody had to do anything (a dialog approved by rule). */
function whatOf(o: Open): ParkWhat | undefined {
  if (o.state === 'question') return 'question';
  if (o.state === 'confirm') {
    if (/plan/i.test(o.rule)) return 'plan';
    if (o.escalations.some((k) => k === 'held-command' || k === 'blocked-command')) return 'held command';
    return undefined;
  }
  if (o.state === 'limit' && o.escalations.length) return 'limit menu';
  return undefined;
}

/** How a park ended, from the keys that reached it: the answer or decline decides (a note typed after it does not). */
function endingOf(acts: readonly Action[], open: boolean): { ending: ParkEnding; by?: string } {
  const decisive = acts.find((a) => a.action === 'answer' || a.action === 'decline') ?? acts.at(-1);
  if (!decisive) return { ending: open ? 'still waiting at dawn' : 'went away' };
  const { plugin } = decisive;
  if (plugin === 'person' || plugin.startsWith('person:'))
    return { ending: 'answered by the person', ...(plugin.length > 7 ? { by: plugin.slice(7) } : {}) };
  const ending: ParkEnding = decisive.action === 'decline' ? 'declined by policy' : 'answered by policy';
  return plugin === 'parked' ? { ending } : { ending, by: plugin };
}

/**
 * Every park of the night, oldest first. A park runs from the state change that showed it to the next state change
 * (or to `end` when it was still showing at dawn); the keys nightshift sent while it showed say how it ended.
 */
export function parks(
  events: readonly JournalEvent[],
  end: Date,
  clean: (text: string) => string,
): ParkItem[] {
  const open = new Map<string, Open>();
  const out: (ParkItem & { acts: number })[] = [];
  const close = (o: Open, at: number, stillOpen: boolean) => {
    const what = whatOf(o);
    if (!what) return;
    const ended = endingOf(o.acts, stillOpen);
    const previous = out.findLast((p) => p.agent === o.agent);
    // the same park seen again right after a redraw, with nothing sent in between: one park
    if (
      previous &&
      previous.what === what &&
      previous.acts === 0 &&
      o.since - previous.until.getTime() <= REDRAW_MS
    ) {
      out[out.lastIndexOf(previous)] = {
        ...previous,
        until: new Date(at),
        ms: at - previous.since.getTime(),
        ending: ended.ending,
        ...(ended.by ? { by: clean(ended.by) } : {}),
        acts: o.acts.length,
      };
      return;
    }
    out.push({
      agent: o.agent,
      what,
      since: new Date(o.since),
      until: new Date(at),
      ms: at - o.since,
      ending: ended.ending,
      ...(ended.by ? { by: clean(ended.by) } : {}),
      ...(o.commands[0] ? { command: clean(o.commands[0]) } : {}),
      acts: o.acts.length,
    });
  };
  for (const e of events) {
    if (!('agent' in e) || typeof e.agent !== 'string') continue;
    const current = open.get(e.agent);
    if (e.type === 'state') {
      if (current && current.state === e.to) continue;
      if (current) close(current, Date.parse(e.t), false);
      open.delete(e.agent);
      if (e.to === 'question' || e.to === 'confirm' || e.to === 'limit')
        open.set(e.agent, {
          agent: e.agent,
          state: e.to,
          rule: e.rule,
          since: Date.parse(e.t),
          escalations: [],
          commands: [],
          acts: [],
        });
    } else if (current && e.type === 'escalation') {
      current.escalations.push(e.kind);
      if (e.command) current.commands.push(e.command);
    } else if (current && e.type === 'action' && !e.dryRun && e.action !== 'wait') current.acts.push(e);
  }
  for (const o of open.values()) close(o, Math.max(o.since, end.getTime()), true);
  return out.sort((a, b) => a.since.getTime() - b.since.getTime()).map(({ acts: _acts, ...item }) => item);
}
