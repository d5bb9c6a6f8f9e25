import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../../config/load.js';
import { parseDuration } from '../duration.js';
import { NightshiftError } from '../errors.js';
import { lockStateDir } from '../night/lock.js';
import { createTmux } from '../tmux/index.js';
import { finish, planOrResume, runWithSignals } from './night.js';
import { prepareRuntime } from './runtime.js';
import { defineCommand } from './types.js';

/** The demo's fleet: simulated agents from examples/agents, each showing one side of a night. */
function demoConfig(dir: string, socket: string, seconds: number) {
  const sim = join(findExamples(), 'agents', 'sim-agent.mjs');
  const agent = (name: string, scenario: string) => ({
    name,
    command: `node ${JSON.stringify(sim)} ${scenario} --name ${name}`,
    resume: `node ${JSON.stringify(sim)} ${scenario} --name ${name} --continue`,
    profile: 'claude-code',
    cwd: dir,
    size: { cols: 100, rows: 30 },
    task: 'Work through TASKS.md and after each task append a status entry to COORDINATION.md',
    env: { COORDINATION_FILE: join(dir, 'COORDINATION.md') },
  });
  return {
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    stateDir: join(dir, 'state'),
    tmux: { socket, session: 'demo' },
    night: { duration: `${seconds}s`, stopAgents: true }, // the demo kills its tmux server at the end anyway
    watch: { interval: '1s' },
    actuator: { cooldown: '1s', enterDelay: '100ms' },
    agents: [
      agent('builder', 'worker'),
      agent('reviewer', 'risky'),
      agent('migrator', 'crasher'),
      agent('refactorer', 'limited'),
    ],
    coordination: { file: join(dir, 'COORDINATION.md') },
    // the built-in set, with a night's timings compressed into a minute
    plugins: [
      'exited',
      { name: 'idle', options: { after: '8s' } },
      'prompt',
      'error',
      'usage-limit',
      'kickoff',
      'auto-confirm',
      'dangerous',
      { name: 'nudge', options: { after: '8s', max: 1 } },
      { name: 'restart', options: { delay: '2s', max: 2, window: '5m' } },
      { name: 'wait-for-reset', options: { margin: '2s', jitter: '0s', recheck: '10s' } },
      'escalate',
      'markdown-report',
      'agent-detail',
      'email',
    ],
  };
}

export default defineCommand({
  name: 'demo',
  summary: 'a one-minute night of simulated agents on a private tmux server, ending in a report',
  usage: `Usage: nightshift demo [--for DURATION] [--dir DIR]

Starts a private tmux server (its own socket: your sessions are never touched), four simulated
agents (one works and asks safe permissions, one asks to delete your home directory, one
crashes, one hits a usage limit), watches them for a compressed night (default 60s, 1s watch
interval), then writes the morning report and prints where it is. The tmux server is killed
at the end. Needs only Node and tmux 3.2+.

  --for DURATION   length of the demo night (default 60s)
  --dir DIR        where the demo's state and report go (default ./nightshift-demo)`,
  options: { for: { type: 'string' }, dir: { type: 'string' } },
  async run(args, io) {
    const ms = parseDuration(typeof args.values.for === 'string' ? args.values.for : '60s');
    if (ms === undefined || ms < 5000)
      throw new NightshiftError('USAGE', '--for takes a duration of at least 5s, e.g. 60s or 2m');
    const dir = resolve(io.cwd, typeof args.values.dir === 'string' ? args.values.dir : 'nightshift-demo');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const socket = `nightshift-demo-${process.pid}`;
    const loaded = resolveConfig(demoConfig(dir, socket, Math.round(ms / 1000)), {
      cwd: dir,
      env: io.env,
      dir,
    });
    const runtime = await prepareRuntime(loaded, args, io, { pretty: false });
    const lock = lockStateDir(loaded.config.stateDir);
    io.stdout.write(
      `demo: 4 simulated agents on tmux socket "${socket}" for ${Math.round(ms / 1000)}s (watch live: tmux -L ${socket} attach -r)\n`,
    );
    try {
      const plan = planOrResume(loaded.config, new Date(), ms);
      const result = await runWithSignals(runtime, plan);
      await finish(runtime, result, io);
      return 0;
    } finally {
      await runtime.tmux.killServer().catch(() => undefined);
      await runtime.tmux.close();
      await createTmux({ socket, control: false })
        .killServer()
        .catch(() => undefined);
      // tmux leaves its socket file behind; the demo leaves nothing
      rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), {
        force: true,
      });
      lock.release();
    }
  },
});

/** The examples/ folder, from the source tree (core/commands) or the build (dist). */
function findExamples(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'examples', 'agents');
    if (existsSync(candidate)) return dirname(candidate);
    dir = dirname(dir);
  }
  throw new NightshiftError('USAGE', 'cannot find the examples/ folder next to nightshift');
}
