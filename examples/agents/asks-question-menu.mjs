#!/usr/bin/env node
// A Claude-Code-like question for the person: numbered choices, "Enter to select · ↑/↓ to navigate", waiting
// forever. Only a person decides; every key is recorded, and a key that chooses is recorded as `chosen`.
//   node asks-question-menu.mjs --name NAME --record FILE
import { handleKeys, keyName, record, show, start, transcript } from './lib/fixture.mjs';

start('asks-question-menu');
transcript.push('⏺ The migration is ready for staging and for production.', '');
const options = ['Run it on staging', 'Run it on production', 'Type something.'];
let choice = 0;
const draw = () =>
  show('question', [
    '────────────────────────────────────────────────────────────',
    ' ☐ Migration',
    '',
    'Where should I run the migration?',
    '',
    ...options.map((o, i) => `${i === choice ? '❯' : ' '} ${i + 1}. ${o}`),
    '',
    'Enter to select · ↑/↓ to navigate · Esc to cancel',
  ]);
handleKeys((key) => {
  const k = keyName(key);
  if (k === 'Up') choice = Math.max(0, choice - 1);
  else if (k === 'Down') choice = Math.min(options.length - 1, choice + 1);
  else if (k === 'Enter' || /^[1-3]$/.test(k))
    record('chosen', { choice: options[k === 'Enter' ? choice : Number(k) - 1] });
  draw();
});
draw();
setInterval(() => undefined, 60_000);
