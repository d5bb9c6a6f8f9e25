import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightshift } from '../helpers/cli.js';
import { makeFleet } from '../helpers/fleet.js';
import { waitFor } from '../helpers/wait.js';
import { BUILT_INS, eventsOf, fixtureAgent, recorded } from './helpers.js';

// `nightshift answer` from another terminal while a night runs (parked after: never, so only the person answers):
// the question gets the person's text through its free-text choice, the held force push the person's decline and note;
// `nightshift status` lists both with the choices offered; the journal names the person.
const me = userInfo().username;

describe('nightshift answer, against a running night in real tmux', () => {
  const fleet = makeFleet(
    [
      fixtureAgent('asker', 'asks-question-with-free-text'),
      fixtureAgent('pusher', 'asks-permission', "--command 'git push --force origin main' --count 1"),
    ],
    {
      plugins: BUILT_INS.flatMap((p) =>
        p === 'dangerous' ? [{ name: 'parked', options: { after: 'never' } }, p] : [p],
      ),
    },
  );
  const cli = (args: string[]) => nightshift([...args, '--config', fleet.configFile], { cwd: fleet.dir });
  let status = '';
  let nightOutput = '';
  let answers: Awaited<ReturnType<typeof cli>>[] = [];
  let events: ReturnType<typeof fleet.events> = [];
  let night: ReturnType<typeof cli> | undefined;
  beforeAll(async () => {
    // ended below with SIGTERM once everything landed; the length only bounds a test that fails before that
    night = cli(['night', '--now', '--for', '5m']);
    const parked = () =>
      eventsOf(fleet.events(fleet.runDir()), 'escalation')
        .map((e) => e.agent)
        .sort()
        .join(',') === 'asker,pusher';
    await waitFor(
      () => existsSync(join(fleet.dir, 'state', 'control.json')) && parked(),
      'the night to listen and both agents to be parked',
      90_000,
      250,
    );
    status = (await cli(['status'])).stdout;
    answers = [
      await cli(['answer', 'asker', '--text', 'Use SQLite for now; noted in the coordination file.']),
      await cli(['answer', 'pusher', '--decline', '--text', 'Leave the push for the morning.']),
      await cli(['answer', 'nobody', '--decline']),
    ];
    // the decline's note is typed once pusher is back at its input box: wait until it landed (and the night journaled
    // both people's actions), then end the night as a person would (SIGTERM). A fixed pause of 3 s could end the night
    // before the note was typed on a busy machine. An answer that failed is reported by the tests below, not waited for.
    const byMe = (agent: string, action: string) =>
      eventsOf(fleet.events(fleet.runDir()), 'action', agent).some(
        (a) => a.plugin === `person:${me}` && a.action === action,
      );
    if (answers[0]!.exitCode === 0 && answers[1]!.exitCode === 0)
      await waitFor(
        () =>
          recorded(fleet, 'asker').some((r) => r.event === 'answered') &&
          recorded(fleet, 'pusher').some((r) => r.event === 'message') &&
          byMe('asker', 'answer') &&
          byMe('pusher', 'type'),
        "the asker's answer and the pusher's note to reach them, journaled",
        60_000,
        250,
      );
    night.kill('SIGTERM');
    nightOutput = (await night).all ?? '';
    events = fleet.events(fleet.runDir());
  }, 240_000);
  afterAll(async () => {
    if (night?.exitCode === null) night.kill('SIGTERM');
    await night?.catch(() => undefined);
    await fleet.cleanup();
  });

  it('status lists what is parked with the choices offered and how to answer', () => {
    expect(status).toMatch(/parked on: .*Which database should the new service use\?/);
    expect(status).toContain('nightshift answer asker 1   # Postgres');
    expect(status).toContain('nightshift answer asker --text "…"');
    expect(status).toContain('parked on: git push --force origin main');
    expect(status).toContain('nightshift answer pusher --decline');
  });

  it("the question gets the person's text through its free-text choice", () => {
    expect(answers[0]!.exitCode, `${answers[0]!.all}\n${nightOutput.slice(-3000)}`).toBe(0);
    expect(
      recorded(fleet, 'asker')
        .filter((r) => r.event === 'answered')
        .map((r) => r.text),
    ).toEqual(['Use SQLite for now; noted in the coordination file.']);
  });

  it("the force push gets the agent's own No, then the person's note as its next message", () => {
    expect(answers[1]!.exitCode, answers[1]!.all).toBe(0);
    const records = recorded(fleet, 'pusher');
    expect(records.filter((r) => r.event === 'answered').map((r) => r.choice)).toEqual(['No']);
    expect(records.filter((r) => r.event === 'message').map((r) => r.text)).toEqual([
      'Leave the push for the morning.',
    ]);
  });

  it('the journal names the person; an unknown agent is an error that answers nothing', () => {
    const sent = eventsOf(events, 'action').filter((a) => a.plugin !== 'kickoff');
    expect(sent.map((a) => [a.agent, a.plugin, a.action])).toEqual(
      expect.arrayContaining([
        ['asker', `person:${me}`, 'answer'],
        ['pusher', `person:${me}`, 'decline'],
        ['pusher', `person:${me}`, 'type'],
      ]),
    );
    expect(sent.every((a) => a.plugin === `person:${me}`)).toBe(true);
    expect(answers[2]!.exitCode).toBe(1);
    expect(answers[2]!.stderr).toContain('no agent "nobody"');
  });
});
