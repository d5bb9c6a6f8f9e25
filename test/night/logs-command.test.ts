// `nightshift logs`: a night of real programs in real tmux; what `logs` prints is the transcript the report shows, and
// `logs --follow`, started while the night runs, prints the same lines live.
import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightshift } from '../helpers/cli.js';
import { makeFleet, simAgent } from '../helpers/fleet.js';

const TASK = 'Work through TASKS.md and append a status entry to COORDINATION.md after each task';
/** a short pane, so the agents' output scrolls and the transcript has history */
const size = { cols: 100, rows: 12 };
const SCREEN_MARKER = /^──── the screen at the end of /;

const fleet = makeFleet(
  [
    simAgent('builder', 'worker', { task: TASK, size }),
    simAgent('migrator', 'crasher', { task: TASK, size }),
  ],
  { plugins: { remove: ['email'] } },
);

let follow: ReturnType<typeof nightshift> | undefined;
let followed = '';
let nightOutput = '';
afterAll(async () => {
  follow?.kill('SIGKILL');
  await fleet.cleanup();
});

beforeAll(async () => {
  const night = nightshift(['night', '--now', '--for', '20s', '--config', fleet.configFile], {
    cwd: fleet.dir,
  });
  const log = join(fleet.runDir(), 'logs', 'builder.log');
  while (!existsSync(log) && night.exitCode === null) await sleep(100);
  follow = nightshift(['logs', 'builder', '--follow', '--config', fleet.configFile], { cwd: fleet.dir });
  follow.stdout.on('data', (chunk: Buffer) => (followed += chunk.toString()));
  nightOutput = (await night).all;
}, 180_000);

/** The "Transcript tail" block of an agent's detail section in report.md, one string per line. */
function reportTail(agent: string): string[] {
  const report = fleet.read(join(fleet.runDir(), 'report.md'));
  const section = report.slice(report.indexOf(`## ${agent} in detail`));
  const block = /\*\*Transcript tail\*\* \([^)]*\):\n\n```+\w*\n([\s\S]*?)\n```+/.exec(section);
  return block ? block[1]!.split('\n') : [];
}

/** `nightshift logs AGENT`'s transcript lines (before the final screen). */
async function logsOf(agent: string): Promise<{ transcript: string[]; screen: string[] }> {
  const out = await nightshift(['logs', agent, '--config', fleet.configFile], { cwd: fleet.dir });
  expect(out.exitCode, out.all).toBe(0);
  const lines = out.stdout.split('\n');
  const marker = lines.findIndex((l) => SCREEN_MARKER.test(l));
  return { transcript: lines.slice(0, marker), screen: lines.slice(marker + 1).filter((l) => l !== '') };
}

const cut = (text: string, max = 160) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

describe('nightshift logs (real tmux, real programs)', () => {
  it.each(['builder', 'migrator'])(
    'prints the same transcript the report shows for %s, without escape codes',
    async (agent) => {
      expect(nightOutput).toContain('report.md');
      const tail = reportTail(agent);
      expect(tail.length).toBeGreaterThan(5);
      const { transcript, screen } = await logsOf(agent);
      expect(transcript.slice(-tail.length).map((l) => cut(l))).toEqual(tail);
      expect(screen.length).toBeGreaterThan(0);
      // eslint-disable-next-line no-control-regex
      expect(transcript.join('\n')).not.toMatch(/\x1b|\r/);
    },
  );

  it('--follow, started during the night, printed the same lines as it went', async () => {
    const { transcript } = await logsOf('builder');
    const lines = () => followed.split('\n').filter((l) => l !== '');
    // the last line is finished when the follow ends (Ctrl-C); all before it are printed as they scroll
    const live = follow!;
    while (lines().length < transcript.length - 1 && live.exitCode === null) await sleep(200);
    live.kill('SIGINT');
    expect((await live).exitCode).toBe(0);
    const text = (list: string[]) => list.map((l) => l.slice(6));
    expect(text(lines())).toEqual(text(transcript));
  }, 120_000);

  it('names the agents when asked for one the night did not have', async () => {
    const out = await nightshift(['logs', 'nobody', '--config', fleet.configFile], { cwd: fleet.dir });
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(/no agent "nobody" in night .* \(agents: builder, migrator\)/);
  });
});
