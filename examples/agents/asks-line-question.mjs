#!/usr/bin/env node
// A classic line prompt at the bottom of the screen, "Overwrite existing data? [y/N] ", with the cursor after it,
// waiting forever. Every key is recorded: a careless supervisor's Enter or "y" would overwrite the data.
//   node asks-line-question.mjs --name NAME --record FILE
import { show, start, transcript } from './lib/fixture.mjs';

start('asks-line-question');
transcript.push('dev@buildbox:~/src/webapp$ ./scripts/seed.sh');
const prompt = 'Overwrite existing data? [y/N] ';
show('line-prompt', [prompt], { row: 0, col: prompt.length });
setInterval(() => undefined, 60_000);
