// `npm run bench -- replay [--agents 16] [--hours 8] [--repeat N] [--profile FILE]`: how long `nightshift replay` takes on a recorded night.
// Writes a synthetic screen record of a whole night (every agent looked at every 2 s: working with a spinner that
// changes on every look, permission dialogs for `npm test`, now and then a held `npm publish` and a stretch idle at
// the input box), replays it once to make the night's journal, then times the replay and comparison that
// `nightshift replay` runs (which must find no difference: same record, same config). `--profile FILE` writes a V8 CPU
// profile of the timed part alone (open it in Chrome's DevTools or speedscope); `--repeat N` times it N times in the same
// process (a fresh collection before each), for comparing builds on a busy machine by their least CPU.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../config/load.js';
import { BUILTINS, DEFAULT_PLUGINS } from '../core/commands/builtins.js';
import { recordRedactor } from '../core/commands/record-redactor.js';
import { createGuard } from '../core/guard/index.js';
import { ScreenRecorder, SCREENS_FILE } from '../core/journal/screen-record.js';
import { loadPlugins } from '../core/plugin/loader.js';
import { compareNight } from '../core/replay/compare-night.js';
import { readRecordIndex, replayNight } from '../core/replay/replay-night.js';
import { classify } from '../core/screen/index.js';
import type { RawCapture } from '../core/tmux/types.js';
import { machine, numberArg } from './lib/stats.js';

const AGENTS = numberArg('agents', 16);
const HOURS = numberArg('hours', 8);
const INTERVAL = 2000;
const ROWS = 30;
const COLS = 100;
const START = Date.UTC(2026, 11, 1, 23, 0, 0);
const PROFILE = process.argv.includes('--profile')
  ? process.argv[process.argv.indexOf('--profile') + 1]
  : undefined;
const REPEAT = numberArg('repeat', 1);

/** A small deterministic PRNG, so every run records the same night. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const box = (rows: string[]) => [
  `╭${'─'.repeat(COLS - 2)}╮`,
  ...rows.map((r) => `│ ${r.padEnd(COLS - 4)} │`),
  `╰${'─'.repeat(COLS - 2)}╯`,
];
function screen(rows: string[], cursor?: { x: number; y: number }): RawCapture {
  const lines = [...rows.slice(-ROWS)];
  while (lines.length < ROWS) lines.push('');
  return {
    paneId: '%1',
    lines: lines.map((l) => l.trimEnd()),
    cursorX: cursor?.x ?? 0,
    cursorY: cursor?.y ?? ROWS - 1,
    cursorVisible: false,
    width: COLS,
    height: ROWS,
    dead: false,
    deadStatus: undefined,
    inMode: false,
    alternateOn: false,
    currentCommand: 'claude',
    pid: 1,
    tty: '',
    piped: true,
  };
}
const transcript = (agent: string, n: number) => [`⏺ ${agent}: task ${n} in progress.`, ''];
const working = (agent: string, n: number, s: number) =>
  screen([
    ...transcript(agent, n),
    `✻ Working… (${s}s · ↑ ${s * 3} tokens · esc to interrupt)`,
    ...box(['> ']),
    '  ? for shortcuts',
  ]);
const dialog = (agent: string, n: number, command: string) =>
  screen([
    ...transcript(agent, n),
    ...box([
      'Bash command',
      '',
      `  ${command}`,
      '  Run the command',
      '',
      'Do you want to proceed?',
      '❯ 1. Yes',
      "  2. Yes, and don't ask again for this command in /home/dev/src/webapp",
      '  3. No, and tell Claude what to do differently (esc)',
    ]),
  ]);
function idle(agent: string, n: number): RawCapture {
  const rows = [...transcript(agent, n), ...box(['> ']), '  ? for shortcuts'];
  return screen(rows, { x: 4, y: rows.length - 3 });
}

/** Records `agents` agents for `hours` hours into `file`; returns how many looks were made. */
function recordNight(file: string, names: readonly string[]): number {
  const recorder = new ScreenRecorder(file, { maxBytes: 200 * 1024 * 1024, redact: recordRedactor([]) });
  const ticks = (HOURS * 3_600_000) / INTERVAL;
  const plans = names.map((name, i) => ({ name, random: rng(i + 1), queue: [] as RawCapture[], task: 0 }));
  for (let k = 0; k < ticks; k++) {
    const at = new Date(START + k * INTERVAL);
    for (const p of plans) {
      if (!p.queue.length) {
        p.task++;
        const work = 150 + Math.floor(p.random() * 300); // 5–15 minutes
        for (let s = 0; s < work; s++) p.queue.push(working(p.name, p.task, s * 2));
        const roll = p.random();
        if (roll < 0.1) for (let s = 0; s < 150; s++) p.queue.push(dialog(p.name, p.task, 'npm publish'));
        else p.queue.push(dialog(p.name, p.task, 'npm test'));
        if (p.random() < 0.3) for (let s = 0; s < 300; s++) p.queue.push(idle(p.name, p.task));
      }
      recorder.saw(p.name, p.queue.shift()!, at);
    }
    recorder.flush(at);
  }
  return ticks * names.length;
}

const dir = mkdtempSync(join(tmpdir(), 'nightshift-bench-replay-'));
try {
  const runDir = join(dir, 'state', 'nights', '2026-12-01');
  mkdirSync(runDir, { recursive: true });
  const names = Array.from({ length: AGENTS }, (_, i) => `agent-${i + 1}`);
  const recordCpu = process.cpuUsage();
  const looks = recordNight(join(runDir, SCREENS_FILE), names);
  const recordUsed = process.cpuUsage(recordCpu);
  const { config } = resolveConfig(
    {
      stateDir: join(dir, 'state'),
      agents: names.map((name) => ({
        name,
        command: 'claude',
        profile: 'claude-code',
        cwd: dir,
        task: 'Work through TASKS.md',
      })),
    },
    { cwd: dir, env: {} },
  );
  const plugins = await loadPlugins({
    entries: config.plugins,
    builtins: BUILTINS,
    defaults: DEFAULT_PLUGINS,
    dir,
  });
  const guard = createGuard({
    allow: config.guard.allow,
    rules: config.guard.rules,
    buildOutput: config.guard.buildOutput,
  });
  const parts = {
    config,
    plugins,
    guard,
    classify: (
      s: Parameters<typeof classify>[0],
      a: { profile?: string | undefined },
      previous: Parameters<typeof classify>[0] | undefined,
    ) =>
      classify(s, {
        profile: a.profile,
        profiles: config.profiles,
        timezone: config.timezone,
        now: s.at,
        previous,
      }),
  };
  // the night's own journal: what this config decided on this record
  const journal = async () => {
    const record = await readRecordIndex(join(runDir, SCREENS_FILE));
    const first = await replayNight({ ...parts, record, night: { id: '2026-12-01', runDir } });
    writeFileSync(join(runDir, 'events.jsonl'), first.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  };
  await journal(); // its record and events are let go before the timed part

  /** One timed `nightshift replay` of the night (profiled when asked). */
  const timed = async () => {
    (globalThis as { gc?: () => void }).gc?.(); // as a fresh `nightshift replay` process would start (--expose-gc)
    const profiler = PROFILE ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await compareNight(runDir, parts);
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (profiler && PROFILE) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(PROFILE, JSON.stringify(profile));
      profiler.disconnect();
    }
    return { result, wall: wall / 1000, cpu: (used.user + used.system) / 1e6 };
  };
  const runs: Awaited<ReturnType<typeof timed>>[] = [];
  for (let i = 0; i < REPEAT; i++) runs.push(await timed());
  const { result } = runs[runs.length - 1]!;
  const size = statSync(join(runDir, SCREENS_FILE)).size;
  console.log(machine());
  console.log(
    `record: ${AGENTS} agents, ${HOURS} h at ${INTERVAL / 1000} s: ${looks} looks, ${result.screens} distinct screens, ${(size / 1024 / 1024).toFixed(1)} MB compressed`,
  );
  const recordSeconds = (recordUsed.user + recordUsed.system) / 1e6;
  console.log(
    `recording (what the night pays on top of its ticks, with making these screens): ${recordSeconds.toFixed(2)} s CPU, ${((recordSeconds / looks) * 1e6).toFixed(1)} µs a look`,
  );
  console.log(
    `decisions: ${result.decisions.night} on the night, ${result.decisions.replay} in the replay, ${result.differences.length} differences`,
  );
  for (const run of runs)
    console.log(
      `replay + compare: ${run.wall.toFixed(2)} s wall, ${run.cpu.toFixed(2)} s CPU (target < 10 s)`,
    );
  if (runs.length > 1)
    console.log(
      `least of ${runs.length}: ${Math.min(...runs.map((r) => r.wall)).toFixed(2)} s wall, ${Math.min(...runs.map((r) => r.cpu)).toFixed(2)} s CPU`,
    );
  if (runs.some((r) => r.result.differences.length)) {
    console.log(JSON.stringify(result.differences.slice(0, 3), null, 2));
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
