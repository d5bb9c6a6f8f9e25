// Soak: the daemon's night cycle run 30 times on a fast clock. Each night is a different (virtual) day: the fleet
// comes up, works, answers prompts, crashes and is restarted, hits a usage limit and waits it out, and one agent
// prints far more than its log may keep; then the agents are stopped, the report is compiled and delivered (.eml),
// and retention runs as the daemon's housekeeping does. After every night: RSS, live heap, open file descriptors,
// tmux and agent processes still running, and the state dir's size. All should be flat after the first nights.
//
//   npm run bench -- soak-nights [--nights 30] [--seconds 8]
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../config/load.js';
import { runRetention } from '../core/commands/prune.js';
import { compileAndDeliver } from '../core/commands/report-pipeline.js';
import { prepareRuntime } from '../core/commands/runtime.js';
import type { CommandIO } from '../core/commands/types.js';
import { sizeOf } from '../core/housekeeping/retention.js';
import { runNight } from '../core/night/night.js';
import { planNight } from '../core/night/night-plan.js';
import { listProcesses } from '../core/tmux/process-tree.js';
import { machine, numberArg, removeSocketFile } from './lib/stats.js';

// `npm run bench` runs the build from the repository root
const root = process.cwd();
const NIGHTS = numberArg('nights', 30);
const SECONDS = numberArg('seconds', 8);
const DAY = 86_400_000;

// the build runs this file from node_modules/.cache/nightshift-bench: the pane writer goes beside it, as in dist
copyFileSync(
  join(root, 'core', 'logs', 'pane-writer.mjs'),
  join(dirname(fileURLToPath(import.meta.url)), 'pane-writer.mjs'),
);

const dir = mkdtempSync(join(tmpdir(), 'ns-soak-'));
const socket = `ns-bench-${process.pid}`;
const agents = join(root, 'examples', 'agents');
const printer = join(root, 'test', 'fixtures', 'programs', 'prints-megabytes.mjs');
const sim = (name: string, scenario: string) => ({
  name,
  command: `node ${join(agents, 'sim-agent.mjs')} ${scenario} --name ${name}`,
  resume: `node ${join(agents, 'sim-agent.mjs')} ${scenario} --name ${name} --continue`,
  profile: 'claude-code',
  task: 'Work through TASKS.md',
  size: { cols: 100, rows: 30 },
});
const raw = {
  timezone: 'UTC',
  stateDir: './state',
  tmux: { socket, session: 'soak' },
  watch: { interval: '500ms' },
  night: { stopAgents: true },
  actuator: { cooldown: '500ms', enterDelay: '100ms' },
  logs: { maxMB: 1 },
  retention: { nights: 5, compressAfter: '2d', archive: 10 },
  agents: [
    sim('worker', 'worker'),
    sim('crasher', 'crasher'),
    {
      name: 'limited',
      command: `node ${join(agents, 'hits-limit.mjs')} --name limited --record limited.rec.jsonl --reset-in 3`,
      profile: 'claude-code',
      size: { cols: 100, rows: 30 },
    },
    {
      name: 'chatty',
      command: `node ${printer} 4 chatty`,
      profile: 'generic',
      size: { cols: 100, rows: 30 },
    },
  ],
};
const io: CommandIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: { ...process.env, NIGHTSHIFT_LOG_LEVEL: 'warn' },
  cwd: dir,
  isTTY: false,
};
const loaded = resolveConfig(raw, { cwd: dir, dir, env: io.env });
const runtime = await prepareRuntime(loaded, { values: {}, positionals: [] }, io, { pretty: false });
const { config } = loaded;
const gc = (globalThis as { gc?: () => void }).gc;
const first = Date.UTC(2027, 0, 1, 23, 0, 0);

console.log(
  `soak: ${NIGHTS} nights of ${SECONDS}s, 4 agents, logs.maxMB 1, retention 5 nights; ${machine()}`,
);
console.log(
  'night  rss MB  heap MB  fds  tmux  agents  writers  state MB  nights  archived  restarts  waits  answers',
);
try {
  for (let n = 0; n < NIGHTS; n++) {
    const start = first + n * DAY;
    const realStart = Date.now();
    const now = () => new Date(start + (Date.now() - realStart));
    const plan = planNight(
      config.stateDir,
      config.timezone,
      new Date(start),
      new Date(start + SECONDS * 1000),
    );
    await runNight({ ...runtime, plan, signal: new AbortController().signal, now });
    await compileAndDeliver({ ...runtime, runDir: plan.runDir, deliver: true });
    await runRetention(config, runtime.log, now());
    gc?.();
    const events = readFileSync(join(plan.runDir, 'events.jsonl'), 'utf8');
    const count = (type: string) => events.split(`"type":"${type}"`).length - 1;
    const processes = await listProcesses();
    const comm = (pid: number) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    };
    const lines = processes.map((p) => comm(p.pid));
    /** processes working in the soak's folder: the agents (their cwd) and the pane writers (their log's path) */
    const cwdIn = (pid: number) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`).startsWith(dir);
      } catch {
        return false;
      }
    };
    const agentsLeft = processes.filter(
      (p) => p.pid !== process.pid && cwdIn(p.pid) && !comm(p.pid).includes('pane-writer'),
    );
    const row = [
      String(n + 1).padStart(5),
      (process.memoryUsage().rss / 1e6).toFixed(1).padStart(7),
      (process.memoryUsage().heapUsed / 1e6).toFixed(1).padStart(8),
      String(readdirSync('/proc/self/fd').length).padStart(4),
      String(lines.filter((c) => c.startsWith('tmux') && c.includes(socket)).length).padStart(5),
      String(agentsLeft.length).padStart(7),
      String(lines.filter((c) => c.includes('pane-writer.mjs') && c.includes(dir)).length).padStart(8),
      (sizeOf(config.stateDir) / 1e6).toFixed(2).padStart(9),
      String(readdirSync(join(config.stateDir, 'nights')).length).padStart(7),
      String(safeCount(join(config.stateDir, 'archive'))).padStart(9),
      String(count('agent-restarted')).padStart(9),
      String(count('wait')).padStart(6),
      String(events.split('"action":"answer"').length - 1).padStart(8),
    ];
    console.log(row.join(' '));
  }
} finally {
  await runtime.tmux.killServer().catch(() => undefined);
  await runtime.tmux.close().catch(() => undefined);
  removeSocketFile(socket);
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
}

function safeCount(path: string): number {
  try {
    return readdirSync(path).length;
  } catch {
    return 0;
  }
}
