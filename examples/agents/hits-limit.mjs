#!/usr/bin/env node
// Hits a usage limit that resets `--reset-in` seconds after it starts (default 6) and waits at its input box.
// A message before the reset is recorded as `early` and answered with the limit again; the first message after the
// reset is recorded as `resumed`, and the agent works, finishes and waits at its input box.
//   node hits-limit.mjs --name NAME --record FILE [--reset-in S]
import { flag, readMessage, record, start, transcript, work } from './lib/fixture.mjs';

const resetAt = Date.now() + Number(flag('reset-in', 6)) * 1000;
const limited = () => [
  `  ⎿  Usage limit reached. Your limit will reset in ${Math.max(1, Math.round((resetAt - Date.now()) / 1000))} seconds.`,
  '     /upgrade to increase your usage limit.',
  '',
];

start('hits-limit');
transcript.push('⏺ Refactoring the payment module.', ...limited());
record('limit', { resetAt });
for (;;) {
  const text = await readMessage();
  if (Date.now() < resetAt) {
    record('early', { text });
    transcript.push(...limited());
    continue;
  }
  record('resumed', { text });
  await work('Picking the refactor up again', 1500);
  transcript.push('⏺ Refactor done; summary appended to COORDINATION.md.', '');
  break;
}
for (;;) {
  await readMessage();
  await work('Continuing', 1000);
}
