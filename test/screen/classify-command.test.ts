import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import command from '../../core/commands/classify.js';
import type { CommandArgs, CommandIO } from '../../core/commands/types.js';
import { NightshiftError } from '../../core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-classify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a screen (and its pane state) and returns its path. */
function saved(name: string, rows: readonly string[], state?: Record<string, unknown>): string {
  const file = join(dir, `${name}.txt`);
  writeFileSync(file, `${[...rows, ...Array<string>(Math.max(0, 12 - rows.length)).fill('')].join('\n')}\n`);
  if (state) writeFileSync(join(dir, `${name}.tmux.json`), JSON.stringify(state));
  return file;
}

/** Runs the command with captured output. */
async function run(
  values: CommandArgs['values'],
  positionals: string[],
  env: NodeJS.ProcessEnv = { TZ: 'UTC' },
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  const io: CommandIO = { stdout, stderr, stdin: new PassThrough(), env, cwd: dir, isTTY: false };
  const code = await command.run({ values, positionals }, io);
  const json = values.json
    ? out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
  return { code, out, err, json };
}

const apt = saved('apt', ['dev@box:~/app$ sudo apt-get install jq', 'Do you want to continue? [Y/n]'], {
  cursor_x: 31,
  cursor_y: 1,
  cursor_flag: 1,
  pane_current_command: 'sudo',
  tty_mode: 'cooked-echo',
});
const rm = saved('rm', ['dev@box:~$ rm -ri ~/', "rm: descend into directory '/home/dev/'?"], {
  cursor_x: 41,
  cursor_y: 1,
  cursor_flag: 1,
  tty_mode: 'cooked-echo',
});
const limit = saved('limit', [
  "  ⎿  You've hit your limit · resets 3am",
  '',
  '─'.repeat(30),
  '❯',
  '─'.repeat(30),
]);
const sudo = saved('sudo', ['dev@box:~$ sudo true', '[sudo] password for dev:'], {
  cursor_x: 25,
  cursor_y: 1,
  cursor_flag: 1,
  tty_mode: 'cooked-noecho',
});

describe('nightshift classify', () => {
  it('prints one JSON object per screen in the DESIGN.md shape', async () => {
    const { code, json } = await run({ json: true, now: '2026-11-21T02:00:00Z' }, [apt, rm, limit, sudo]);
    expect(code).toBe(0);
    expect(json.map((o) => Object.keys(o).slice(0, 8))).toEqual(
      Array(4).fill(['file', 'state', 'decision', 'keys', 'command', 'verdict', 'rule', 'resetAt']),
    );
    expect(json).toMatchObject([
      {
        state: 'confirm',
        decision: 'approve',
        keys: ['y', 'Enter'],
        command: 'sudo apt-get install jq',
        verdict: 'allow',
        resetAt: null,
      },
      { state: 'confirm', decision: 'escalate', keys: null, command: 'rm -ri ~/', verdict: 'block' },
      {
        state: 'limit',
        decision: 'wait',
        keys: null,
        command: null,
        verdict: null,
        resetAt: '2026-11-21T03:00:00.000Z',
      },
      { state: 'secret', decision: 'escalate', keys: null },
    ]);
  });

  it('without pane state reads the text alone and never approves a line prompt', async () => {
    const bare = saved('bare', ['dev@box:~/app$ pip uninstall requests', 'Proceed (Y/n)?']);
    const [record] = (await run({ json: true }, [bare])).json;
    expect(record).toMatchObject({ state: 'confirm', decision: 'escalate', keys: null });
    const [withCursor] = (await run({ json: true, cursor: '15,1' }, [bare])).json;
    expect(withCursor).toMatchObject({ decision: 'approve', keys: ['y', 'Enter'] });
  });

  it('reads reset times without a zone in TZ, or in the config’s timezone', async () => {
    const [utc] = (await run({ json: true, now: '2026-11-21T02:00:00Z' }, [limit], { TZ: 'UTC' })).json;
    expect(utc).toMatchObject({ resetAt: '2026-11-21T03:00:00.000Z' });
    const config = join(dir, 'nightshift.config.json');
    writeFileSync(
      config,
      JSON.stringify({ timezone: 'Asia/Tokyo', agents: [{ name: 'a', command: 'claude' }] }),
    );
    const [tokyo] = (await run({ json: true, now: '2026-11-21T02:00:00Z', config }, [limit])).json;
    expect(tokyo).toMatchObject({ resetAt: '2026-11-21T18:00:00.000Z' });
  });

  it('prints a readable summary without --json', async () => {
    const { out } = await run({}, [apt]);
    expect(out).toMatch(/apt\.txt: confirm \(generic\.yes-no\) → approve \[y Enter\]/);
    expect(out).toMatch(/command: sudo apt-get install jq \(guard: allow\)/);
  });

  it('keeps going past a missing file and exits 1', async () => {
    const { code, json, err } = await run({ json: true }, [join(dir, 'missing.txt'), apt]);
    expect(code).toBe(1);
    expect(json).toHaveLength(1);
    expect(err).toMatch(/missing\.txt/);
  });

  it('rejects bad flags as usage errors', async () => {
    await expect(run({ now: 'yesterday' }, [apt])).rejects.toThrow(NightshiftError);
    await expect(run({ cursor: 'x' }, [apt])).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run({}, [])).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run({ profile: 'claude' }, [apt])).resolves.toMatchObject({ code: 0 });
    await expect(run({ profile: 'nope' }, [apt])).rejects.toThrow(/no profile "nope"/);
  });
});
