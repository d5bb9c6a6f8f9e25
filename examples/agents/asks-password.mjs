#!/usr/bin/env node
// Runs "sudo" in its transcript and waits at a password prompt, forever. Every key it receives is recorded: a
// supervisor must never send it anything.
//   node asks-password.mjs --name NAME --record FILE
import { show, start, transcript } from './lib/fixture.mjs';

start('asks-password');
transcript.push('dev@buildbox:~/src/webapp$ sudo systemctl restart nginx');
const prompt = '[sudo] password for dev: ';
show('secret', [prompt], { row: 0, col: prompt.length });
setInterval(() => undefined, 60_000);
