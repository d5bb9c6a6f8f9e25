// `nightshift logs AGENT [--night DATE] [--follow]`: an agent's pane log as the report reads it, replayed through a
// terminal: what scrolled by, redacted and timed, without escape codes; then the screen the log ends on.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import {
  buildNightRecord,
  collapseBlankRuns,
  offsetMarks,
  paneSizes,
  replayTimed,
} from '../../reports/index.js';
import type { TimedLine } from '../../reports/index.js';
import { formatClock } from '../../reports/time.js';
import { NightshiftError } from '../errors.js';
import { followFile } from '../files/follow.js';
import { findNight } from './report.js';
import { configFrom } from './runtime.js';
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'logs',
  summary: "an agent's clean transcript (the report's terminal replay); --follow for live",
  usage: `Usage: nightshift logs AGENT [--night YYYY-MM-DD] [--follow] [--json]

Prints what AGENT's pane showed during a night as clean text: its raw pane log replayed through
a terminal emulator, exactly as the morning report reads it (each line once, no escape codes,
spinner frames and redraws dropped, secrets redacted, each line with the time it was printed),
then the screen the log ends on. The latest night unless --night names one.

  --night DATE   the night's local start date, e.g. 2026-04-10
  --follow       keep printing lines as the agent prints them (a line appears once it leaves
                 the screen, as in the report); stop with Ctrl-C
  --json         one {"t","text","source"} object per line (t: ISO time or null)`,
  options: { night: { type: 'string' }, follow: { type: 'boolean' } },
  allowPositionals: true,
  async run(args, io) {
    const { config, secrets } = await configFrom(args, io);
    const [agent] = args.positionals;
    if (!agent) throw new NightshiftError('USAGE', 'name the agent: nightshift logs AGENT [--night DATE]');
    const night = typeof args.values.night === 'string' ? args.values.night : undefined;
    if (night !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(night))
      throw new NightshiftError(
        'USAGE',
        `--night takes a date like 2026-04-10, not ${JSON.stringify(night)}`,
      );
    const record = buildNightRecord(findNight(config.stateDir, night), config);
    const file = record.logs[agent];
    if (!file)
      throw new NightshiftError(
        'USAGE',
        `no agent "${agent}" in night ${record.id} (agents: ${Object.keys(record.logs).join(', ') || 'none'})`,
      );
    if (!existsSync(file))
      throw new NightshiftError(
        'NIGHT_NOT_FOUND',
        `${agent} has no pane log in night ${record.id} (${file})`,
      );
    const marks = offsetMarks(record.events, agent);
    const { size, resizes } = paneSizes(record.events, agent, marks);
    const stop = new AbortController();
    // a reader that goes away (`nightshift logs builder | head`) ends the replay quietly
    const onClosed = () => stop.abort();
    io.stdout.on('error', onClosed);
    const write = (text: string) => void (stop.signal.aborted || io.stdout.write(text));
    const print = printer(write, args.values.json === true, record.timezone);
    const follow = args.values.follow === true && !file.endsWith('.gz');
    let live = false;
    const onSignal = () => stop.abort();
    if (follow) {
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    }
    try {
      const source = follow
        ? followFile(file, { signal: stop.signal, onCaughtUp: () => (live = true) })
        : file;
      // once a followed log is caught up, the journal's marks are behind: a live line is stamped when it is seen
      const onLine = collapseBlankRuns((line) => print(live ? { ...line, at: new Date() } : line));
      const signal = follow ? undefined : stop.signal;
      const result = await replayTimed(source, { size, resizes, marks, secrets, signal }, onLine);
      if (!follow && !args.values.json) {
        write(
          `──── the screen at the end of ${basename(file)}${result.screen.alternate ? ' (full-screen program)' : ''} ────\n`,
        );
        for (const l of trimBlank(result.screen.lines)) write(`${l}\n`);
      }
      return 0;
    } catch (error) {
      if (stop.signal.aborted) return 0;
      throw error;
    } finally {
      io.stdout.off('error', onClosed);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
});

/** Writes one transcript line: `HH:MM text` as the report's transcript tail prints it, or a JSON object. */
function printer(write: (text: string) => void, json: boolean, timeZone: string): (line: TimedLine) => void {
  return (line) =>
    write(
      json
        ? `${JSON.stringify({ t: line.at?.toISOString() ?? null, text: line.text, source: line.source })}\n`
        : `${line.at ? formatClock(line.at, timeZone) : '     '} ${line.text}\n`,
    );
}

function trimBlank(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}
