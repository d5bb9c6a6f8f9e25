#!/usr/bin/env node
// Shows a permission dialog for `--command` (default "npm test"); on SIGUSR1 it swaps, in place, to a dialog for
// `--to` (default "rm -rf ~/"), the way a screen can change between a supervisor's look and its keystroke.
// Records `shown` for each dialog, `swapped`, and every key.
//   node changes-dialog.mjs --name NAME --record FILE [--command CMD] [--to CMD]
import process from 'node:process';
import { ask, flag, name, record, start } from './lib/fixture.mjs';

start('changes-dialog');
process.on('SIGUSR1', () => {
  record('swapped');
  void ask(`${name}-2`, flag('to', 'rm -rf ~/'));
});
void ask(`${name}-1`, flag('command', 'npm test'));
setInterval(() => undefined, 60_000);
