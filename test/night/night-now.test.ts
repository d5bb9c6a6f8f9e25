import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nightshift } from '../helpers/cli.js';
import { makeFleet, simAgent } from '../helpers/fleet.js';

const TASK = 'Work through TASKS.md and append a status entry to COORDINATION.md after each task';

describe('nightshift night --now (real tmux, real agents)', () => {
  const fleet = makeFleet(
    [simAgent('builder', 'worker', { task: TASK }), simAgent('migrator', 'crasher', { task: TASK })],
    {
      plugins: [
        'exited',
        'idle',
        'prompt',
        'rules',
        'kickoff',
        'auto-confirm',
        'dangerous',
        { name: 'restart', options: { delay: '1s', max: 2 } },
        'escalate',
        'markdown-report',
      ],
    },
  );
  afterAll(() => fleet.cleanup());

  it('brings up the panes, kicks the agents off, answers safe prompts, restarts a crash, and writes the report', async () => {
    const result = await nightshift(['night', '--now', '--for', '25s', '--config', fleet.configFile], {
      cwd: fleet.dir,
    });
    expect(result.exitCode, result.all).toBe(0);
    const runDir = fleet.runDir();
    expect(result.stdout).toContain(join(runDir, 'report.md'));
    const events = fleet.events(runDir);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('night-start');
    expect(types.filter((t) => t === 'night-end')).toHaveLength(1);
    expect(
      events
        .filter((e) => e.type === 'agent-started')
        .map((e) => e.type === 'agent-started' && e.agent)
        .sort(),
    ).toEqual(['builder', 'migrator']);
    const actions = events.filter((e) => e.type === 'action');
    expect(actions).toContainEqual(
      expect.objectContaining({
        agent: 'builder',
        plugin: 'kickoff',
        action: 'type',
        text: TASK,
        verified: true,
      }),
    );
    expect(actions).toContainEqual(
      expect.objectContaining({ agent: 'builder', plugin: 'auto-confirm', action: 'answer' }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'agent-restarted', agent: 'migrator', plugin: 'restart' }),
    );
    expect(events.filter((e) => e.type === 'state' && e.agent === 'builder').length).toBeGreaterThan(2);
    expect(existsSync(join(runDir, 'report.md'))).toBe(true);
    const log = fleet.read(join(runDir, 'logs', 'builder.log'));
    expect(log).toContain('Welcome to sim-agent (builder)');
  }, 120_000); // a 25 s night, with room for start-up and the report on a busy machine
});
