#!/usr/bin/env node
// A Claude-Code-like agent that asks for permission to run a safe command at random moments and
// records when each dialog appeared and when it was answered: `--record FILE` gets JSON lines
// { shown, answered } (epoch ms). Used by bench/latency.ts to measure detection-to-answer latency.
import { appendFileSync } from 'node:fs';
import { argv, stdin, stdout } from 'node:process';

const record = argv.includes('--record') ? argv[argv.indexOf('--record') + 1] : undefined;
const minGap = Number(argv[argv.indexOf('--gap') + 1]) || 3000;
const width = Math.min(stdout.columns || 100, 100) - 2;
const pad = (s) => `│ ${s}${' '.repeat(Math.max(0, width - 2 - [...s].length))} │`;
let shown = 0;
let n = 0;

function working() {
  stdout.write(`\x1b[H\x1b[2J⏺ Working on step ${n}\r\n✻ Thinking… (${n}s · esc to interrupt)\r\n`);
}

function ask() {
  n += 1;
  const rows = ['Bash command', '', `  npm test -- --shard ${n}`, '  Run the test shard', '', 'Do you want to proceed?', '❯ 1. Yes', "  2. Yes, and don't ask again for npm test commands", '  3. No, and tell Claude what to do differently (esc)'];
  stdout.write(`\x1b[H\x1b[2J⏺ Step ${n}\r\n╭${'─'.repeat(width)}╮\r\n${rows.map(pad).join('\r\n')}\r\n╰${'─'.repeat(width)}╯`);
  shown = Date.now();
}

stdin.setRawMode?.(true);
stdin.on('data', (data) => {
  if (!shown) return;
  const key = data.toString();
  if (key === '\r' || key === '1') {
    if (record) appendFileSync(record, `${JSON.stringify({ shown, answered: Date.now() })}\n`);
    shown = 0;
    working();
    setTimeout(ask, minGap + Math.random() * minGap);
  }
});
working();
setTimeout(ask, 1000 + Math.random() * minGap);
