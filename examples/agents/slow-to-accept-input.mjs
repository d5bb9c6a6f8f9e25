#!/usr/bin/env node
// Draws its input box at once but takes no input for `--deaf` ms (default 3000), as Codex does on a cold start:
// keys that arrive before are dropped (recorded as `dropped`). Then it takes messages like waits-at-input.
//   node slow-to-accept-input.mjs --name NAME --record FILE [--deaf MS] [--work MS]
import { drawInput, flag, handleKeys, keyName, readMessage, record, start, work } from './lib/fixture.mjs';

start('slow-to-accept-input');
drawInput([]);
handleKeys((key) => record('dropped', { key: keyName(key) }));
await new Promise((resolve) => setTimeout(resolve, Number(flag('deaf', 3000))));
for (;;) {
  await readMessage();
  await work('Continuing with the task list', Number(flag('work', 1500)));
}
