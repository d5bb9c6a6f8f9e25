// Live captures from a real tmux server on a private socket: the classifier and the prompt/usage-limit checks on
// what tmux really prints (trimmed rows, cursor, echo flag), including the two-capture stability rule.
import { execa } from 'execa';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../core/screen/classify.js';
import { snapshotFromText, type PaneStateRecord } from '../../core/screen/text-snapshot.js';
import type { Classification, Snapshot } from '../../core/screen/types.js';
import prompt from '../../plugins/checks/prompt.js';
import usageLimit from '../../plugins/checks/usage-limit.js';
import { harness } from '../checks/check-context.js';

const FIXTURE = fileURLToPath(new URL('../../examples/agents/show-prompts.mjs', import.meta.url));
const SOCKET = `ns-test-screen-${process.pid}-${Date.now()}`;
const FORMAT = [
  'cursor_x',
  'cursor_y',
  'cursor_flag',
  'alternate_on',
  'pane_in_mode',
  'pane_dead',
  'pane_current_command',
  'pane_width',
  'pane_height',
  'pane_tty',
];
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

const tmux = (...args: string[]) => execa('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args]);

/** Starts `command` in a new window; returns its pane id. */
async function start(name: string, command: string): Promise<string> {
  const { stdout } = await tmux(
    'new-window',
    '-d',
    '-t',
    'live',
    '-n',
    name,
    '-P',
    '-F',
    '#{pane_id}',
    command,
  );
  return stdout.trim();
}

/** One look at a pane, as the runner takes it: the visible rows, the pane state and the tty's echo flag. */
async function capture(pane: string): Promise<Snapshot> {
  const [{ stdout: text }, { stdout: info }] = await Promise.all([
    tmux('capture-pane', '-p', '-t', pane),
    tmux('display-message', '-p', '-t', pane, FORMAT.map((f) => `#{${f}}`).join('\t')),
  ]);
  const values = info.split('\t');
  const state: Record<string, string | number> = {};
  FORMAT.forEach(
    (f, i) => (state[f] = /^\d+$/.test(values[i] ?? '') ? Number(values[i]) : (values[i] ?? '')),
  );
  const stty = spawnSync('stty', ['-a', '-F', String(state.pane_tty)], { encoding: 'utf8' }).stdout;
  const tty_mode = /(^|\s)-icanon\b/.test(stty)
    ? 'raw'
    : /(^|\s)-echo\b/.test(stty)
      ? 'cooked-noecho'
      : 'cooked-echo';
  return snapshotFromText(
    `${text}\n`,
    { ...(state as PaneStateRecord), tty_mode },
    { at: new Date(), agent: 'builder' },
  );
}

/** Captures until the screen classifies as `state` (the program may still be drawing). */
async function waitFor(
  pane: string,
  test: (c: Classification, s: Snapshot) => boolean,
  what: string,
): Promise<Snapshot> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const s = await capture(pane);
    if (test(classify(s, { timezone: 'UTC' }), s)) return s;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; screen:\n${s.lines.join('\n')}`);
    await sleep(100);
  }
}

async function waitForText(pane: string, text: string): Promise<void> {
  await waitFor(pane, (_c, s) => s.lines.some((l) => l.includes(text)), `"${text}"`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends an approval's keys the way the actuator does: literal text with -l, key names as keys. */
async function send(pane: string, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    if (/^(?:Enter|Escape|Up|Down|Left|Right|Tab|C-[a-z])$/.test(key))
      await tmux('send-keys', '-t', pane, key);
    else await tmux('send-keys', '-t', pane, '-l', '--', key);
    await sleep(50);
  }
}

describe.skipIf(!hasTmux)('live tmux captures', () => {
  beforeAll(async () => {
    await tmux('new-session', '-d', '-s', 'live', '-x', '100', '-y', '30');
    await tmux('set-option', '-g', 'remain-on-exit', 'on');
  });

  afterAll(async () => {
    const socket = await tmux('display-message', '-p', '#{socket_path}').then(
      (r) => r.stdout.trim(),
      () => '',
    );
    await tmux('kill-server').catch(() => undefined);
    if (socket) rmSync(socket, { force: true });
  });

  it('a [y/N] prompt typed at a shell: stable over two captures, approved with y Enter, answered', async () => {
    const pane = await start('yes-no', "env PS1='dev@box:~/app$ ' bash --norc --noprofile");
    // typed before bash draws its prompt, the tty's echo and the prompt share a row and the command is unreadable
    await waitForText(pane, 'dev@box:~/app$');
    await send(pane, [`node ${FIXTURE} yes-no`, 'Enter']);
    const first = await waitFor(pane, (c) => c.state === 'confirm', 'the [y/N] prompt');
    expect(first.ttyEcho).toBe(true);
    const h = await harness(prompt);
    expect(await h.look(first)).toEqual([]);
    expect(h.lookAgain).toEqual([200]);
    await sleep(220);
    const [finding] = await h.look(await capture(pane));
    expect(finding).toMatchObject({
      kind: 'confirm',
      data: {
        dialog: { rule: 'generic.yes-no', command: `node ${FIXTURE} yes-no`, approve: ['y', 'Enter'] },
        decision: { decision: 'approve', keys: ['y', 'Enter'] },
      },
    });
    await send(pane, ['y', 'Enter']);
    await waitForText(pane, 'answer: y');
  });

  it('a Claude-style boxed dialog: reads the highlight, moves it to Yes, and a dialog that changes between captures is not reported', async () => {
    const pane = await start('dialog', `node ${FIXTURE} dialog 2`);
    // fully drawn: the highlight on option 3, two rows below Yes
    const first = await waitFor(pane, (c) => c.dialog?.approve?.length === 3, 'the dialog');
    const h = await harness(prompt);
    expect(await h.look(first)).toEqual([]);
    expect(classify(first, { timezone: 'UTC' }).dialog).toMatchObject({
      command: 'rm -rf test/fixtures/old',
      approve: ['Up', 'Up', 'Enter'],
    });
    // the highlight moves before the second look: a different dialog, so the clock starts again
    await send(pane, ['Up']);
    await waitFor(pane, (c) => c.dialog?.approve?.length === 2, 'the highlight on option 2');
    await sleep(520);
    expect(await h.look(await capture(pane))).toEqual([]);
    await sleep(520);
    const [finding] = await h.look(await capture(pane));
    expect(finding).toMatchObject({
      kind: 'confirm',
      data: { decision: { decision: 'approve', keys: ['Up', 'Enter'] } },
    });
    await send(pane, (finding as { data: { decision: { keys: string[] } } }).data.decision.keys);
    await waitForText(pane, 'answer: Yes');
  });

  it('a password prompt with echo off is a secret, reported once stable and never answered', async () => {
    const pane = await start('password', `node ${FIXTURE} password`);
    const first = await waitFor(pane, (c) => c.state === 'secret', 'the password prompt');
    expect(first.ttyEcho).toBe(false);
    const h = await harness(prompt);
    expect(await h.look(first)).toEqual([]);
    await sleep(520);
    expect(await h.look(await capture(pane))).toMatchObject([
      { kind: 'secret', data: { secretKind: 'password', prompt: "deploy@10.20.0.31's password:" } },
    ]);
  });

  it('a usage-limit message: state limit with the reset instant; the prompt check stays quiet', async () => {
    const pane = await start('limit', `node ${FIXTURE} limit`);
    const s = await waitFor(pane, (c) => c.state === 'limit', 'the limit message');
    const limit = await harness(usageLimit);
    const [finding] = await limit.look(s);
    const now = s.at.getTime();
    let reset = Date.UTC(s.at.getUTCFullYear(), s.at.getUTCMonth(), s.at.getUTCDate(), 4);
    if (reset <= now) reset += 86_400_000;
    expect(finding).toMatchObject({
      kind: 'limit',
      data: { resetAt: new Date(reset).toISOString(), needsHuman: false },
    });
    const p = await harness(prompt);
    expect(await p.look(s)).toEqual([]);
  });
});
