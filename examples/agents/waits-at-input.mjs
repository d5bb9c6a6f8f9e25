#!/usr/bin/env node
// Sits idle at its input box. Each message it gets is recorded (`message`); it then works for `--work` ms
// (default 1000) and goes back to waiting.
//   node waits-at-input.mjs --name NAME --record FILE [--work MS]
import { flag, readMessage, start, transcript, work } from './lib/fixture.mjs';

start('waits-at-input');
transcript.push('⏺ Done with the first task. Waiting for the next instruction.', '');
for (;;) {
  await readMessage();
  await work('Continuing with the task list', Number(flag('work', 1000)));
  transcript.push('⏺ Nothing left in TASKS.md.', '');
}
