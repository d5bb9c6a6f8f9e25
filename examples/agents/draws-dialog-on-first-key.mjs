#!/usr/bin/env node
// Waits at its input box; the first key that arrives makes it draw a permission dialog for `--command` (default
// "git push --force origin main"), the way a tool call can land while someone types. The dialog waits for an answer
// forever. Every key is recorded with what was on screen when it arrived: a supervisor must send the dialog nothing.
//   node draws-dialog-on-first-key.mjs --name NAME --record FILE [--command CMD]
import { ask, drawInput, flag, handleKeys, name, start } from './lib/fixture.mjs';

start('draws-dialog-on-first-key');
drawInput([]);
handleKeys(() => {
  handleKeys(() => {});
  void ask(`${name}-1`, flag('command', 'git push --force origin main'));
});
setInterval(() => undefined, 60_000);
