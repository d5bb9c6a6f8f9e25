import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nightshift } from '../helpers/cli.js';
import { makeFleet, simAgent } from '../helpers/fleet.js';
import { waitFor } from '../helpers/wait.js';

const TASK = 'Work through TASKS.md and append a status entry to COORDINATION.md after each task';

describe('fault: the runner is SIGKILLed mid-night and started again', () => {
  const fleet = makeFleet([simAgent('builder', 'worker', { task: TASK }), simAgent('idler', 'worker')]);
  afterAll(() => fleet.cleanup());

  it('resumes the same night: journal kept, pipes still running, panes adopted, no dialog answered twice', async () => {
    const args = ['night', '--now', '--for', '30s', '--config', fleet.configFile];
    const first = nightshift(args, { cwd: fleet.dir });
    const runDir = fleet.runDir();
    await waitFor(
      () => fleet.events(runDir).some((e) => e.type === 'action' && e.action === 'answer'),
      'the first answered dialog',
      20_000,
    );
    const before = readFileSync(join(runDir, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.endsWith('}'));
    first.kill('SIGKILL');
    await first;
    const logSizeAtKill = statSync(join(runDir, 'logs', 'builder.log')).size;

    const second = await nightshift(args, { cwd: fleet.dir });
    expect(second.exitCode, second.all).toBe(0);

    const text = readFileSync(join(runDir, 'events.jsonl'), 'utf8');
    for (const line of before) expect(text).toContain(line); // every event before the kill survived
    const events = fleet.events(runDir);
    const starts = events.filter((e) => e.type === 'night-start');
    expect(starts.map((e) => e.type === 'night-start' && e.resumed)).toEqual([false, true]);
    const adopted = events
      .filter((e) => e.type === 'agent-started' && e.adopted)
      .map((e) => e.type === 'agent-started' && e.agent);
    expect(adopted.sort()).toEqual(['builder', 'idler']);
    const answers = events
      .filter((e) => e.type === 'action' && e.action === 'answer' && !e.dryRun)
      .map((e) => (e.type === 'action' ? e.screenHash : ''));
    expect(new Set(answers).size).toBe(answers.length);
    expect(statSync(join(runDir, 'logs', 'builder.log')).size).toBeGreaterThan(logSizeAtKill); // the pipe kept capturing
    expect(events.filter((e) => e.type === 'night-end')).toHaveLength(1);
  });
});
