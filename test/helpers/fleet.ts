// A throwaway fleet for end-to-end tests: a temp dir with a config on a private tmux socket.
import { execa } from 'execa';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readJournal } from '../../core/journal/journal.js';
import { waitForWriters } from '../../core/logs/pane-writer.js';
import type { JournalEvent } from '../../core/journal/events.js';
import { repoRoot } from './cli.js';
import { killTmuxServer } from './tmux-server.js';

let counter = 0;

/** A simulated agent running one of sim-agent's scenarios. */
export function simAgent(name: string, scenario: string, extra: Record<string, unknown> = {}) {
  const sim = join(repoRoot, 'examples', 'agents', 'sim-agent.mjs');
  return {
    name,
    command: `node ${sim} ${scenario} --name ${name}`,
    resume: `node ${sim} ${scenario} --name ${name} --continue`,
    profile: 'claude-code',
    size: { cols: 100, rows: 30 },
    ...extra,
  };
}

/** Creates a temp dir with `nightshift.config.yaml` on a unique tmux socket; `cleanup()` kills the server and removes the dir. */
export function makeFleet(agents: object[], overrides: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ns-fleet-'));
  // not `ns-test-<pid>-<n>`: startTmuxServer counts its own servers under that name in the same process
  const socket = `ns-test-${process.pid}-fleet-${++counter}`;
  const config = {
    timezone: 'UTC',
    stateDir: './state',
    tmux: { socket, session: 'fleet' },
    watch: { interval: '500ms' },
    actuator: { cooldown: '500ms', enterDelay: '100ms' },
    agents: agents.map((a) => ({ cwd: dir, ...a })),
    ...overrides,
  };
  const configFile = join(dir, 'nightshift.config.yaml');
  writeFileSync(configFile, stringify(config));
  return {
    dir,
    socket,
    configFile,
    /**
     * the run directory of the night with id `id` (or the only one). A night's id is the UTC date it started on: a
     * night begun before midnight keeps that date, so once one night exists it is that one, not today's
     */
    runDir: (id?: string) => {
      const nights = join(dir, 'state', 'nights');
      if (id) return join(nights, id);
      const dated = existsSync(nights)
        ? readdirSync(nights).filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n))
        : [];
      return join(nights, dated.length === 1 ? dated[0]! : new Date().toISOString().slice(0, 10));
    },
    /** the journal events of a run directory */
    events: (runDir: string): JournalEvent[] => {
      try {
        return readJournal(join(runDir, 'events.jsonl')).events;
      } catch {
        return [];
      }
    },
    read: (path: string) => readFileSync(path, 'utf8'),
    tmux: (...args: string[]) => execa('tmux', ['-L', socket, ...args], { reject: false }),
    async cleanup() {
      // the server first: pane log writers finish once tmux closes their pipes, and removing the folder under them
      // fails (ENOTEMPTY)
      await killTmuxServer(socket);
      const nights = join(dir, 'state', 'nights');
      const runs = existsSync(nights) ? readdirSync(nights) : [];
      await Promise.all(runs.map((run) => waitForWriters(join(nights, run, 'logs'), 10_000)));
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
