// `nightshift status --watch` (and `nightshift top`): the fleet live. Every interval it takes `status --json` (the same
// rows, the same classifier), adds what the night's journal knows (since when, last rescue) and the next night, and
// redraws. On a terminal: keys to attach to an agent's pane and to answer what it is parked on, through the running
// night's `answer` route (the same path as `nightshift answer`). Not a terminal: a plain line for every change.
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { Config } from '../../config/schema.js';
import { askControl, readEndpoint } from '../control/client.js';
import { endpointFile } from '../control/place.js';
import { parseDuration } from '../duration.js';
import { NightshiftError } from '../errors.js';
import { readJournal } from '../journal/journal.js';
import { nextNight } from '../night/scheduler.js';
import { latestNightDir } from './nights.js';
import { configFrom } from './runtime.js';
import type { Command, CommandArgs, CommandIO } from './types.js';

/** One row of `status --json`. */
interface StatusRow {
  readonly agent: string;
  readonly pane: string | null;
  readonly state: string;
  readonly rule: string | null;
  readonly resetAt: string | null;
  readonly parked: {
    readonly what: string;
    readonly choices: readonly { number: number; label: string }[];
    readonly freeText: number | null;
  } | null;
}

/** What the latest night's journal says about an agent. */
interface AgentFacts {
  /** when its journaled state last changed */
  readonly since: Date | undefined;
  /** its last rescue: plugin, action, time */
  readonly rescue: { readonly at: Date; readonly what: string } | undefined;
}

/** The fleet at one moment. */
interface Frame {
  readonly at: Date;
  readonly rows: readonly StatusRow[];
  readonly facts: ReadonlyMap<string, AgentFacts>;
  readonly nextNight: Date | undefined;
  readonly config: Config;
}

/** Runs `nightshift status --json` (the `status` command, passed in) in-process and parses its rows. */
async function statusRows(status: Command, args: CommandArgs, io: CommandIO): Promise<StatusRow[]> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  await status.run(
    { values: { ...args.values, json: true, watch: false }, positionals: [] },
    { ...io, stdout: out, isTTY: false },
  );
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as StatusRow);
}

/** Since when each agent is in its state and its last rescue, from the latest night's journal. */
function journalFacts(stateDir: string): Map<string, AgentFacts> {
  const facts = new Map<string, AgentFacts>();
  const dir = latestNightDir(stateDir);
  if (!dir) return facts;
  let events;
  try {
    events = readJournal(join(dir, 'events.jsonl')).events;
  } catch {
    return facts;
  }
  for (const e of events) {
    if (!('agent' in e) || typeof e.agent !== 'string') continue;
    const known = facts.get(e.agent) ?? { since: undefined, rescue: undefined };
    if (e.type === 'state') facts.set(e.agent, { ...known, since: new Date(e.t) });
    else if (e.type === 'action' && !e.plugin.startsWith('person:'))
      facts.set(e.agent, { ...known, rescue: { at: new Date(e.t), what: `${e.plugin} ${e.action}` } });
    else if (e.type === 'agent-restarted')
      facts.set(e.agent, { ...known, rescue: { at: new Date(e.t), what: `${e.plugin} restart` } });
  }
  return facts;
}

async function takeFrame(status: Command, args: CommandArgs, io: CommandIO): Promise<Frame> {
  const { config } = await configFrom(args, io);
  const at = new Date();
  const rows = await statusRows(status, args, io);
  return { at, rows, facts: journalFacts(config.stateDir), nextNight: nextNight(config, at)?.start, config };
}

/** `3h12m`, `4m05s`, `12s`. */
function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function clock(date: Date, timeZone: string): string {
  return date.toLocaleTimeString('en-GB', { timeZone, hour12: false });
}

function when(date: Date, timeZone: string, now: Date): string {
  const day = date.toLocaleDateString('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  return `${day} ${clock(date, timeZone).slice(0, 5)} (in ${age(date.getTime() - now.getTime())})`;
}

/** The screen the watch draws: a header, one row per agent (what it is parked on under it), the keys. */
export function drawFrame(frame: Frame, selected: number, count: number, message: string): string[] {
  const tz = frame.config.timezone;
  const next = frame.nextNight ? when(frame.nextNight, tz, frame.at) : 'none scheduled';
  const lines = [
    `nightshift · ${clock(frame.at, tz)} · next night ${next} · redraw #${count}`,
    '',
    `    ${'AGENT'.padEnd(16)} ${'STATE'.padEnd(9)} ${'FOR'.padEnd(8)} ${'LAST RESCUE'.padEnd(28)} PANE`,
  ];
  frame.rows.forEach((r, i) => {
    const f = frame.facts.get(r.agent);
    const since = f?.since ? age(frame.at.getTime() - f.since.getTime()) : '-';
    const rescue = f?.rescue ? `${clock(f.rescue.at, tz).slice(0, 5)} ${f.rescue.what}` : '-';
    lines.push(
      `${i === selected ? '▶' : ' '} ${String(i + 1).padStart(2)} ${r.agent.padEnd(16)} ${r.state.padEnd(9)} ${since.padEnd(8)} ${rescue.slice(0, 28).padEnd(28)} ${r.pane ?? '-'}${r.resetAt ? `  resets ${clock(new Date(r.resetAt), tz).slice(0, 5)}` : ''}`,
    );
    if (r.parked) {
      lines.push(`       parked on: ${r.parked.what}`);
      const choices = r.parked.choices.map((c) => `${c.number} ${c.label}`).join(' · ');
      lines.push(`       answer: ${choices ? `${choices} · ` : ''}x decline`);
    }
  });
  lines.push('', 'keys: ↑/↓ select · a attach · 1-9 answer the selected · x decline · q quit', message);
  return lines;
}

/** A plain line per agent whose row changed (not a terminal: logs and pipes). */
function plainLines(frame: Frame, previous: Map<string, string>): string[] {
  const tz = frame.config.timezone;
  const out: string[] = [];
  for (const r of frame.rows) {
    const key = `${r.state} ${r.pane ?? '-'} ${r.parked?.what ?? ''}`;
    if (previous.get(r.agent) === key) continue;
    previous.set(r.agent, key);
    out.push(
      `${clock(frame.at, tz)} ${r.agent} ${r.state}${r.pane ? ` ${r.pane}` : ''}${r.parked ? ` parked on: ${r.parked.what}` : ''}`,
    );
  }
  return out;
}

/** Attaches this terminal to the agent's pane until the user detaches (prefix d); then the watch goes on. */
async function attach(config: Config, row: StatusRow, io: CommandIO): Promise<string> {
  if (!row.pane) return `${row.agent} has no pane to attach to`;
  const socket = config.tmux.socket ? ['-L', config.tmux.socket] : [];
  await execa('tmux', [...socket, 'select-window', '-t', row.pane], { reject: false });
  await execa('tmux', [...socket, 'select-pane', '-t', row.pane], { reject: false });
  const env = { ...io.env };
  delete env.TMUX; // from inside tmux: attach a nested client to the fleet's server
  const result = await execa('tmux', [...socket, 'attach-session', '-t', row.pane], {
    stdio: 'inherit',
    reject: false,
    env,
    extendEnv: false,
  });
  return result.failed
    ? `could not attach to ${row.pane} (exit ${result.exitCode})`
    : `back from ${row.agent}`;
}

/** Answers what `row` is parked on through the running night's `answer` route (guard, stale-screen check, journal). */
async function answer(config: Config, row: StatusRow, choice: number | 'decline'): Promise<string> {
  if (!row.parked) return `${row.agent} is not parked: nothing answered`;
  const endpoint = readEndpoint(endpointFile(config.stateDir));
  if (!endpoint) return 'no night is running (no control endpoint): nothing answered';
  const reply = await askControl(
    endpoint,
    'answer',
    {
      agent: row.agent,
      person: userInfo().username,
      ...(choice === 'decline' ? { decline: true } : { choice, decline: false }),
    },
    { timeoutMs: 40_000 },
  );
  if (!reply.ok) return `not answered: ${reply.error.message}`;
  const outcome = (reply.result as { outcome: { ok: boolean; reason?: string } }).outcome;
  return outcome.ok ? `answered ${row.agent}: ${choice}` : `not answered: ${outcome.reason}`;
}

/** Runs the watch until q, Ctrl-C or SIGTERM; `status` is the `nightshift status` command that reads the rows. */
export async function watchStatus(args: CommandArgs, io: CommandIO, status: Command): Promise<number> {
  const interval = typeof args.values.interval === 'string' ? parseDuration(args.values.interval) : undefined;
  if (typeof args.values.interval === 'string' && !interval)
    throw new NightshiftError('USAGE', `--interval ${args.values.interval}: not a duration (like 2s)`);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stdin = process.stdin;
  const interactive = io.isTTY && stdin.isTTY === true;
  let frame: Frame | undefined;
  let selected = 0;
  let count = 0;
  let message = '';
  let busy = false;
  let wake = new AbortController();
  const redraw = () => {
    if (!frame) return;
    const lines = drawFrame(frame, selected, count, message);
    io.stdout.write(`\x1b[H\x1b[2J${lines.join('\n')}\n`);
  };
  const onKey = (key: string) => {
    if (busy || !frame) return;
    const row = frame.rows[selected];
    if (key === 'q' || key === '\x03') return stop.abort();
    if (key === '\x1b[A' || key === 'k') selected = Math.max(0, selected - 1);
    else if (key === '\x1b[B' || key === 'j') selected = Math.min(frame.rows.length - 1, selected + 1);
    else if (row && (key === 'a' || key === '\r')) {
      busy = true;
      stdin.setRawMode(false);
      stdin.pause(); // the attached tmux client reads the terminal now, every key of it
      io.stdout.write('\x1b[?25h\x1b[?1049l');
      void attach(frame.config, row, io).then((m) => {
        io.stdout.write('\x1b[?1049h\x1b[?25l');
        stdin.setRawMode(true);
        stdin.resume();
        message = m;
        busy = false;
        wake.abort();
      });
      return;
    } else if (row && (/^[1-9]$/.test(key) || key === 'x')) {
      busy = true;
      message = `answering ${row.agent}…`;
      redraw();
      void answer(frame.config, row, key === 'x' ? 'decline' : Number(key)).then((m) => {
        message = m;
        busy = false;
        wake.abort();
      });
      return;
    }
    redraw();
  };
  if (interactive) {
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onKey);
    stdin.resume();
    io.stdout.write('\x1b[?1049h\x1b[?25l'); // the alternate screen, cursor hidden: the shell comes back as it was
  }
  const previous = new Map<string, string>();
  try {
    while (!stop.signal.aborted) {
      if (!busy) {
        frame = await takeFrame(status, args, io);
        count++;
        selected = Math.min(selected, Math.max(0, frame.rows.length - 1));
        if (interactive) redraw();
        else for (const line of plainLines(frame, previous)) io.stdout.write(`${line}\n`);
      }
      wake = new AbortController();
      await sleep(interval ?? frame?.config.watch.interval ?? 2000, undefined, {
        signal: AbortSignal.any([stop.signal, wake.signal]),
      }).catch(() => undefined);
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (interactive) {
      stdin.off('data', onKey);
      stdin.setRawMode(false);
      stdin.pause();
      io.stdout.write('\x1b[?25h\x1b[?1049l');
    }
  }
}
