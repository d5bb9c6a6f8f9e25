// Nothing nightshift starts outlives it: a stopped agent's whole process tree ends (TERM, then KILL), even the parent
// of an agent that re-launched itself and ignores hang-ups; a restart leaves nothing of the old program; when a night
// ends, no pipe-pane writer is still appending to its logs.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { runningWriters } from '../../core/logs/pane-writer.js';
import { isAlive } from '../../core/tmux/process-tree.js';
import { nightshift, repoRoot } from '../helpers/cli.js';
import { makeFleet } from '../helpers/fleet.js';
import { startTmuxServer, type TmuxTestServer } from '../helpers/tmux-server.js';
import { waitFor } from '../helpers/wait.js';

const relauncher = join(repoRoot, 'test', 'fixtures', 'programs', 'relaunching-agent.mjs');
const pidsIn = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number);

describe('a night with stopAgents ends every process its agents started', () => {
  const fleet = makeFleet(
    [
      { name: 'relaunched', command: `node ${relauncher} relaunched.pids`, profile: 'generic' },
      { name: 'ticker', command: 'while :; do date; sleep 0.2; done', profile: 'generic' },
    ],
    { night: { stopAgents: true }, plugins: ['exited'] },
  );
  /** every pid the re-launching agent wrote, over attempts: none may outlive the file, whatever the outcome */
  const everyPid: number[] = [];
  afterAll(() => {
    for (const pid of everyPid.filter(isAlive)) process.kill(pid, 'SIGKILL');
    fleet.cleanup();
  });

  it('the re-launched agent and its parent are gone, and no writer appends to the logs', async () => {
    const pidFile = join(fleet.dir, 'relaunched.pids');
    if (existsSync(pidFile)) everyPid.push(...pidsIn(pidFile));
    rmSync(pidFile, { force: true });
    const night = await nightshift(['night', '--now', '--for', '6s', '--config', fleet.configFile], {
      cwd: fleet.dir,
    });
    expect(night.exitCode, night.all).toBe(0);
    const pids = pidsIn(pidFile);
    everyPid.push(...pids);
    expect(pids).toHaveLength(2);
    expect(pids.filter(isAlive)).toEqual([]);
    const logs = join(fleet.runDir(), 'logs');
    expect(runningWriters(logs)).toEqual([]);
    const size = statSync(join(logs, 'ticker.log')).size;
    expect(size).toBeGreaterThan(0);
    await sleep(1000);
    expect(statSync(join(logs, 'ticker.log')).size).toBe(size);
  }, 90_000);
});

describe('a night that leaves its agents running', () => {
  const fleet = makeFleet(
    [{ name: 'ticker', command: 'while :; do date; sleep 0.2; done', profile: 'generic' }],
    {
      plugins: ['exited'],
    },
  );
  afterAll(() => fleet.cleanup());

  it('closes the pipes: the agent runs on, its log of the night stops growing', async () => {
    const night = await nightshift(['night', '--now', '--for', '5s', '--config', fleet.configFile], {
      cwd: fleet.dir,
    });
    expect(night.exitCode, night.all).toBe(0);
    const log = join(fleet.runDir(), 'logs', 'ticker.log');
    expect(runningWriters(join(fleet.runDir(), 'logs'))).toEqual([]);
    const size = statSync(log).size;
    await sleep(1000);
    expect(statSync(log).size).toBe(size);
    const panes = await fleet.tmux('list-panes', '-a', '-F', '#{pane_dead} #{pane_pipe}');
    expect(panes.stdout.trim()).toBe('0 0');
  }, 90_000);
});

describe('restarting or killing a pane ends the old program’s tree', () => {
  let server: TmuxTestServer;
  const dir = mkdtempSync(join(tmpdir(), 'ns-tree-'));
  afterAll(async () => {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a restart leaves nothing of the old program; killing the server leaves nothing at all', async () => {
    server = await startTmuxServer();
    const { tmux } = server;
    const pidFile = join(dir, `relaunch-${process.pid}.pids`);
    const paneId = await tmux.createPane({ session: 's', window: 'w', cwd: dir, cols: 80, rows: 24 });
    await tmux.start(paneId, { command: `node ${relauncher} ${pidFile}`, cwd: dir });
    await waitFor(() => safePids(pidFile).length === 2, 'the agent and its re-launched copy', 20_000);
    const first = safePids(pidFile);
    await tmux.start(paneId, { command: `node ${relauncher} ${pidFile}`, cwd: dir });
    expect(first.filter(isAlive)).toEqual([]);
    await waitFor(() => safePids(pidFile).length === 4, 'the restarted agent and its copy', 20_000);
    const second = safePids(pidFile).slice(2);
    expect(second.every(isAlive)).toBe(true);
    await tmux.killServer();
    expect(second.filter(isAlive)).toEqual([]);
  }, 90_000);
});

function safePids(file: string): number[] {
  try {
    return pidsIn(file);
  } catch {
    return [];
  }
}
