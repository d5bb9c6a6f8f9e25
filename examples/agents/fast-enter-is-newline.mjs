#!/usr/bin/env node
// An input box that reads an Enter arriving within `--gap` ms (default 150) of the previous character as a newline
// in the text, not a submit, as Gemini CLI does with an Enter ~30 ms after typed text. A later Enter submits the
// whole text (recorded as `message`, newlines kept).
//   node fast-enter-is-newline.mjs --name NAME --record FILE [--gap MS] [--work MS]
import { drawInput, flag, handleKeys, record, start, transcript, work } from './lib/fixture.mjs';

const gap = Number(flag('gap', 150));
start('fast-enter-is-newline');
let lines = [''];
let lastChar = 0;
let busy = false;
const onKey = async (key) => {
  if (busy) return;
  if (key === '\r' || key === '\n') {
    if (Date.now() - lastChar < gap) {
      lines.push('');
      record('newline');
    } else if (lines.join('').trim()) {
      const text = lines.join('\n');
      record('message', { text });
      transcript.push(`> ${text}`, '');
      lines = [''];
      busy = true;
      await work('Continuing with the task list', Number(flag('work', 1500)));
      handleKeys(listener);
      busy = false;
    }
  } else if (key === '\x7f') lines[lines.length - 1] = lines[lines.length - 1].slice(0, -1);
  else if (key >= ' ' && !key.startsWith('\x1b')) {
    lines[lines.length - 1] += key;
    lastChar = Date.now();
  }
  drawInput(lines);
};
const listener = (key) => void onKey(key);
handleKeys(listener);
drawInput(lines);
setInterval(() => undefined, 60_000);
