// The keys of `nightshift status --watch`, pressed in a real tmux pane while a real night runs: `a` attaches that
// terminal to the agent's pane (the agent's own screen shows; prefix d comes back to the watch), `x` declines what
// the agent is parked on through the night's answer route (the agent gets its own No; the journal names the person).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { nightshift, repoRoot } from '../helpers/cli.js';
import { makeFleet } from '../helpers/fleet.js';
import { startTmuxServer } from '../helpers/tmux-server.js';
import { BUILT_INS, fixtureAgent, recorded } from '../rescues-live/helpers.js';

const fleet = makeFleet(
  [fixtureAgent('pusher', 'asks-permission', "--command 'git push --force origin main' --count 1")],
  {
    // only a person answers: the parked rescue never does
    plugins: BUILT_INS.flatMap((p) =>
      p === 'dangerous' ? [{ name: 'parked', options: { after: 'never' } }, p] : [p],
    ),
  },
);
const viewer = await startTmuxServer();
let night: ReturnType<typeof nightshift> | undefined;
afterAll(async () => {
  night?.kill('SIGTERM');
  await night?.catch(() => undefined);
  await viewer.kill();
  await fleet.cleanup();
});

const screen = () => viewer.run(['capture-pane', '-p', '-t', 'watch']);
/** Waits until the viewer's screen satisfies `done` (bounded, so a broken watch fails instead of hanging). */
async function until(done: (text: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const text = await screen();
    if (done(text)) return text;
    await sleep(200);
  }
  throw new Error(`the watch never showed ${what}; its screen:\n${await screen()}`);
}
const WATCH = /redraw #\d+/;

describe('nightshift status --watch keys (real tmux, a running night)', () => {
  it('a attaches to the pane and prefix d comes back; x declines through the night', async () => {
    night = nightshift(['night', '--now', '--for', '3m', '--config', fleet.configFile], { cwd: fleet.dir });
    for (let i = 0; i < 600 && !existsSync(join(fleet.dir, 'state', 'control.json')); i++) await sleep(200);
    const cli = `${process.execPath} --import ${join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')} ${join(repoRoot, 'core', 'cli.ts')}`;
    await viewer.run([
      'new-session',
      '-d',
      '-s',
      'watch',
      '-x',
      '120',
      '-y',
      '30',
      '-c',
      fleet.dir,
      `${cli} status --watch --interval 1s --config ${fleet.configFile}; sleep 600`,
    ]);
    await until((t) => /parked on: git push --force origin main/.test(t), 'pusher parked');

    await viewer.run(['send-keys', '-t', 'watch', 'a']);
    const attached = await until((t) => !WATCH.test(t) && /Do you want/.test(t), "the agent's own screen");
    expect(attached).not.toMatch(/keys: /);

    await viewer.run(['send-keys', '-t', 'watch', 'C-b', 'd']);
    await until((t) => WATCH.test(t) && /back from pusher/.test(t), 'the watch again');

    await viewer.run(['send-keys', '-t', 'watch', 'x']);
    const answered = await until((t) => /answered pusher|not answered/.test(t), 'the outcome');
    expect(answered).toMatch(/answered pusher: decline/);
    for (let i = 0; i < 100 && !recorded(fleet, 'pusher').some((r) => r.event === 'answered'); i++)
      await sleep(200);
    expect(
      recorded(fleet, 'pusher')
        .filter((r) => r.event === 'answered')
        .map((r) => r.choice),
    ).toEqual(['No']);
    const actions = fleet
      .events(fleet.runDir())
      .filter((e) => e.type === 'action' && e.plugin === `person:${userInfo().username}`);
    expect(actions.map((e) => (e.type === 'action' ? e.action : ''))).toContain('decline');
  }, 300_000);
});
