import { describe, expect, it } from 'vitest';
import error from '../../plugins/checks/error.js';
import type { Snapshot } from '../../core/screen/types.js';
import { NOW, screen } from '../screen/screens.js';
import { harness } from './check-context.js';

const MIN = 60_000;
const at = (s: Snapshot, ms: number): Snapshot => ({ ...s, at: new Date(NOW.getTime() + ms) });
const below = { cursor_x: 0, cursor_y: 23 };

describe('error check', () => {
  it('reports an error row that is new on screen, with its context', async () => {
    const h = await harness(error);
    expect(await h.look(screen(['$ npm test', 'running 12 tests'], below))).toEqual([]);
    const [finding] = await h.look(
      at(
        screen(
          [
            '$ npm test',
            'running 12 tests',
            'TypeError: cannot read properties of undefined',
            '    at run (/app/src/a.js:3:9)',
          ],
          below,
        ),
        2000,
      ),
    );
    expect(finding).toMatchObject({
      kind: 'error',
      severity: 'warn',
      data: {
        line: 'TypeError: cannot read properties of undefined',
        pattern: 'js-error',
        fatal: false,
        context: [
          '$ npm test',
          'running 12 tests',
          'TypeError: cannot read properties of undefined',
          '    at run (/app/src/a.js:3:9)',
        ],
      },
    });
  });

  it('reports a stack trace once, not once per frame', async () => {
    const h = await harness(error);
    const trace = ['Traceback (most recent call last):', '  File "x.py", line 1, in <module>', 'KeyError: 1'];
    const findings = await h.look(screen(['$ python x.py', ...trace], below));
    expect(findings.map((f) => (f as { data: { pattern: string } }).data.pattern)).toEqual([
      'python-traceback',
    ]);
  });

  it('a trace seen again after a restart is not reported frame by frame', async () => {
    const h = await harness(error);
    const crash = [
      'Error: connect ECONNREFUSED 127.0.0.1:5432',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
    ];
    expect(await h.look(screen(['$ node migrate.js', ...crash], below))).toHaveLength(1);
    await h.look(at(screen(['restarting'], below), 2000));
    expect(await h.look(at(screen(['$ node migrate.js --continue', ...crash], below), 4000))).toEqual([]);
  });

  it('does not report rows already on the previous screen, or the same error again within `dedupe`', async () => {
    const h = await harness(error);
    const failed = screen(['FAILED tests/test_a.py::test_one'], below);
    expect(await h.look(failed)).toHaveLength(1);
    expect(await h.look(at(failed, 2000))).toEqual([]);
    await h.look(at(screen(['clean'], below), 4000));
    expect(await h.look(at(failed, 6000))).toEqual([]);
    await h.look(at(screen(['clean'], below), 31 * MIN));
    expect(await h.look(at(failed, 32 * MIN))).toHaveLength(1);
  });

  it('reports a live agent stopped on an error its profile calls fatal, once', async () => {
    const h = await harness(error);
    const invalidKey = screen(
      [
        '❯ Please do the next task in TASKS.md.',
        '  ⎿  Invalid API key · Fix external API key',
        '',
        '✻ Brewed for 9s',
        '',
        '─'.repeat(40),
        '❯ ',
        '─'.repeat(40),
        '  ? for shortcuts · ← for agents',
      ],
      { cursor_x: 2, cursor_y: 6 },
    );
    const [finding] = await h.look(invalidKey);
    expect(finding).toMatchObject({
      kind: 'error',
      severity: 'error',
      data: { line: '⎿  Invalid API key · Fix external API key', pattern: 'agent-fatal', fatal: true },
    });
    expect(await h.look(at(invalidKey, 2000))).toEqual([]);
  });

  it('stops at `perHour` findings', async () => {
    const h = await harness(error, { perHour: 2, context: 0 });
    const findings = await h.look(screen(['Error: one', 'x', 'Error: two', 'x', 'Error: three'], below));
    expect(findings).toHaveLength(2);
  });

  it('takes configured patterns and ignores rows as told', async () => {
    const h = await harness(error, {
      patterns: [{ name: 'deploy', regex: '/deploy failed/i', fatal: true }],
      ignore: ['expected failure'],
    });
    const findings = await h.look(
      screen(['Deploy FAILED at step 3', 'Error: expected failure in fixture'], below),
    );
    expect(findings).toMatchObject([{ severity: 'error', data: { pattern: 'deploy', fatal: true } }]);
  });

  it('marks panics fatal', async () => {
    const h = await harness(error);
    const [finding] = await h.look(screen(["thread 'main' panicked at src/main.rs:3:5:", 'boom'], below));
    expect(finding).toMatchObject({ severity: 'error', data: { pattern: 'rust-panic', fatal: true } });
  });

  it('rejects a bad pattern at startup', async () => {
    await expect(harness(error, { patterns: [{ name: 'x', regex: '(' }] })).rejects.toThrow(
      /not a regular expression/,
    );
  });

  it("text nightshift typed is never the agent's error; the same row printed by the agent is", async () => {
    const typed = 'Two suites FAILED last time: run npm test and fix them';
    const rows = ['$ claude', `> ${typed}`, '⏺ Running the tests now.', '╭────╮', '│ >  │', '╰────╯'];
    const mine = await harness(error, {}, undefined, {}, [typed]);
    expect(await mine.look(screen(rows, below))).toEqual([]);
    const theirs = await harness(error);
    expect(await theirs.look(screen(rows, below))).toMatchObject([{ data: { pattern: 'failed' } }]);
  });
});
