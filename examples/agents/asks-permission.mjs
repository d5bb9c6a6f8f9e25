#!/usr/bin/env node
// Asks permission to run `--command` (default "npm test") `--count` times (default 3), each dialog with a unique id
// (NAME-1, NAME-2, …); after each "Yes" it works for `--work` ms (default 1500) and records `continued`, then asks
// again; after the last one it waits at its input box. A dangerous command simply waits for an answer forever.
//   node asks-permission.mjs --name NAME --record FILE [--command CMD] [--count N] [--work MS]
import { ask, flag, name, readMessage, record, start, transcript, work } from './lib/fixture.mjs';

const command = flag('command', 'npm test');
const count = Number(flag('count', 3));
const ms = Number(flag('work', 1500));

start('asks-permission');
for (let n = 1; n <= count; n++) {
  const id = `${name}-${n}`;
  const choice = await ask(id, command);
  if (choice !== 'Yes') break;
  await work(`Running ${command}`, ms);
  record('continued', { id });
  transcript.push(`⏺ ${command}: done (${n} of ${count}).`, '');
}
for (;;) {
  await readMessage();
  await work('Continuing', ms);
}
