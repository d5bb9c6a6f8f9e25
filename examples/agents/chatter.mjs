#!/usr/bin/env node
// A busy agent for benchmarks: prints a line of "work" every `--every` ms (default 100), forever.
import { argv, stdout } from 'node:process';

const every = Number(argv[argv.indexOf('--every') + 1]) || 100;
const name = argv.includes('--name') ? argv[argv.indexOf('--name') + 1] : 'chatter';
let n = 0;
setInterval(() => {
  n += 1;
  stdout.write(`[${name}] step ${n}: compiled ${n % 97} modules, ${n % 13} warnings, cache ${(n * 7) % 100}% warm\n`);
}, every);
