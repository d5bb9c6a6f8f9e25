#!/usr/bin/env node
// An input box that treats several characters arriving in one read as a paste, and swallows an Enter that comes
// within `--window` ms (default 300) after a paste, as Codex does. A later Enter submits (recorded as `message`).
//   node paste-swallows-enter.mjs --name NAME --record FILE [--window MS] [--work MS]
import { stdin } from 'node:process';
import { drawInput, flag, keysOf, record, start, transcript, work } from './lib/fixture.mjs';

const window = Number(flag('window', 300));
start('paste-swallows-enter');
let text = '';
let pastedAt = 0;
let busy = false;
stdin.on('data', async (data) => {
  if (busy) return;
  const keys = keysOf(String(data));
  if (keys.filter((k) => k >= ' ').length > 1) pastedAt = Date.now();
  for (const key of keys) {
    if (key === '\r' || key === '\n') {
      if (Date.now() - pastedAt < window) {
        record('swallowed');
        continue;
      }
      if (!text.trim()) continue;
      record('message', { text });
      transcript.push(`> ${text}`, '');
      text = '';
      busy = true;
      await work('Continuing with the task list', Number(flag('work', 1500)));
      busy = false;
    } else if (key === '\x7f') text = text.slice(0, -1);
    else if (key >= ' ' && !key.startsWith('\x1b')) text += key;
  }
  drawInput([text]);
});
drawInput([text]);
setInterval(() => undefined, 60_000);
