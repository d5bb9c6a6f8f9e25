#!/usr/bin/env node
// An input box on a loaded machine: for its first `--slow-for` ms (default 12000) it lays out a read of several keys
// (typed text, a row of Backspaces) only `--layout` ms (default 5000) after it arrived, as real Claude Code did with a
// long nudge at load 16–30; a single key shows at once. Long text wraps inside the box. Enter submits what the box
// holds (recorded as `message`); each late read is recorded as `late`, and an Enter that arrives while a late read is
// still not laid out (pressed on text the screen did not show) as `enter-early`.
//   node lays-out-text-late.mjs --name NAME --record FILE [--layout MS] [--slow-for MS] [--work MS]
import { stdin, stdout } from 'node:process';
import { drawInput, flag, keysOf, record, sleep, start, transcript, work } from './lib/fixture.mjs';

const layout = Number(flag('layout', 5000));
const slowFor = Number(flag('slow-for', 12000));
const started = Date.now();
start('lays-out-text-late');
let text = '';
let busy = false;
let chain = Promise.resolve();
/** late reads not laid out yet */
let pending = 0;

/** The box's rows: the text wrapped at the box's width. */
const wrap = (t) => {
  const room = Math.min(stdout.columns || 100, 100) - 6;
  const rows = [];
  for (let i = 0; i === 0 || i < t.length; i += room) rows.push(t.slice(i, i + room));
  return rows;
};

stdin.on('data', (data) => {
  if (busy) return;
  const keys = keysOf(String(data));
  const late = keys.length > 1 && Date.now() - started < slowFor;
  if (pending > 0 && keys.some((key) => key === '\r' || key === '\n')) record('enter-early', { pending });
  if (late) {
    record('late', { keys: keys.length });
    pending++;
  }
  // reads are laid out in the order they came, each no earlier than its own delay
  chain = chain.then(async () => {
    if (late) {
      await sleep(layout);
      pending--;
    }
    for (const key of keys) {
      if (key === '\r' || key === '\n') {
        if (!text.trim()) continue;
        record('message', { text });
        transcript.push(`> ${text}`, '');
        text = '';
        busy = true;
        void work('Continuing with the task list', Number(flag('work', 1500))).then(() => {
          busy = false;
          drawInput(wrap(text));
        });
        return;
      }
      if (key === '\x7f') text = text.slice(0, -1);
      else if (key >= ' ' && !key.startsWith('\x1b')) text += key;
    }
    drawInput(wrap(text));
  });
});
drawInput(['']);
setInterval(() => undefined, 60_000);
