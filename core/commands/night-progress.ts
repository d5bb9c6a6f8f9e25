// What `night --now` shows while the night runs: a live status line on a terminal, plain event lines when piped.
import { formatDuration } from '../duration.js';
import type { NewJournalEvent } from '../journal/events.js';
import type { CommandIO } from './types.js';

/** The live view of one night. */
export interface NightProgress {
  /** feed it every journal event */
  readonly onEvent: (event: NewJournalEvent) => void;
  /** clears the status line and stops the clock */
  stop(): void;
}

/** One readable line for the events a person watching wants to see, or undefined for the rest. */
export function eventLine(e: NewJournalEvent): string | undefined {
  switch (e.type) {
    case 'agent-started':
      return `${e.agent}: ${e.adopted ? 'adopted its running pane' : `started \`${e.command}\``} (${e.paneId})`;
    case 'agent-restarted':
      return `${e.agent}: restarted (${e.attempt}) by ${e.plugin}`;
    case 'agent-given-up':
      return `${e.agent}: given up (${e.reason})`;
    case 'state':
      return `${e.agent}: ${e.from ?? 'new'} → ${e.to}`;
    case 'action':
      return `${e.agent}: ${e.dryRun ? 'DRY RUN, would ' : ''}${e.action} by ${e.plugin}: ${e.reason}`;
    case 'refusal':
      return `${e.agent}: refused ${e.action} (${e.why}): ${e.reason}`;
    case 'escalation':
      return `${e.agent}: NEEDS YOU (${e.kind}): ${e.reason}`;
    case 'finding':
      return e.severity === 'error' || e.severity === 'critical' ? `${e.agent}: ${e.summary}` : undefined;
    case 'tmux-lost':
      return `tmux server lost: ${e.detail}`;
    case 'tmux-restored':
      return `tmux server back${e.recreated ? ' (layout recreated)' : ''}`;
    case 'plugin-disabled':
      return `plugin ${e.plugin} switched off after ${e.failures} failures`;
    case 'warning':
      return `warning: ${e.message}`;
    default:
      return undefined;
  }
}

/** Starts the live view for a night that ends at `end`. */
export function nightProgress(io: CommandIO, agents: readonly string[], end: Date): NightProgress {
  const states = new Map<string, string>(agents.map((a) => [a, 'starting']));
  let rescues = 0;
  let needsYou = 0;
  const clock = () => new Date().toTimeString().slice(0, 8);
  const status = () => {
    const counts = new Map<string, number>();
    for (const s of states.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
    const byState = [...counts.entries()].map(([s, n]) => `${n} ${s}`).join(', ');
    const left = formatDuration(Math.max(0, end.getTime() - Date.now()));
    return `night: ${byState} · ${rescues} rescue${rescues === 1 ? '' : 's'} · ${needsYou} need${needsYou === 1 ? 's' : ''} you · ${left} left (Ctrl-C ends it and writes the report)`;
  };
  const width = () => (io.stdout as { columns?: number }).columns ?? 100;
  const draw = () => io.stdout.write(`\r\x1b[2K${status().slice(0, width() - 1)}`);
  const timer = io.isTTY ? setInterval(draw, 1000) : undefined;
  timer?.unref();
  return {
    onEvent(e) {
      if (e.type === 'state') states.set(e.agent, e.to);
      else if (e.type === 'agent-started' && states.get(e.agent) === 'starting')
        states.set(e.agent, 'started');
      else if (e.type === 'agent-given-up') states.set(e.agent, 'given up');
      if ((e.type === 'action' && !e.dryRun && e.action !== 'escalate') || e.type === 'agent-restarted')
        rescues++;
      if (e.type === 'escalation') needsYou++;
      const line = eventLine(e);
      if (!line) return;
      if (io.isTTY) {
        io.stdout.write(`\r\x1b[2K${clock()} ${line}\n`);
        draw();
      } else io.stdout.write(`${clock()} ${line}\n`);
    },
    stop() {
      if (timer) clearInterval(timer);
      if (io.isTTY) io.stdout.write('\r\x1b[2K');
    },
  };
}
