#!/usr/bin/env node
// A fixture that shows one kind of prompt and waits, like the programs nightshift watches:
//   yes-no    a classic line prompt ("… [y/N] ") in cooked mode; y Enter answers it
//   dialog    a Claude-style boxed permission dialog in raw mode; Up/Down move the highlight, Enter picks, Esc declines
//   password  a password prompt with the tty's echo turned off
//   limit     a usage-limit message above an idle input box
// It prints what it received ("answer: …") so a test can tell the keys arrived.
import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

const what = process.argv[2] ?? 'yes-no';
const out = (text) => process.stdout.write(text);

/** Reads one line in cooked mode. */
function readLine(prompt) {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
    out(prompt);
    rl.once('line', (line) => {
      rl.close();
      resolve(line);
    });
  });
}

async function yesNo() {
  out('Found 3 stale fixtures in test/fixtures/old.\n');
  const answer = await readLine('Remove them? [y/N] ');
  out(`answer: ${answer}\n`);
}

const OPTIONS = [
  'Yes',
  "Yes, and don't ask again for rm commands in /home/dev/app",
  'No, and tell Claude what to do differently (esc)',
];

function drawDialog(selected) {
  const width = 70;
  const row = (text) => `│ ${text.padEnd(width - 4)} │\n`;
  out('\x1b[2J\x1b[H\x1b[?25l');
  out('⏺ I will clear the stale fixtures.\n\n');
  out(`╭${'─'.repeat(width - 2)}╮\n`);
  out(row('Bash command'));
  out(row(''));
  out(row('  rm -rf test/fixtures/old'));
  out(row('  Remove stale fixtures'));
  out(row(''));
  out(row('Do you want to proceed?'));
  OPTIONS.forEach((label, i) => out(row(`${i === selected ? '❯' : ' '} ${i + 1}. ${label}`)));
  out(`╰${'─'.repeat(width - 2)}╯\n`);
}

async function dialog() {
  let selected = Number(process.argv[3] ?? 0);
  drawDialog(selected);
  process.stdin.setRawMode(true);
  process.stdin.on('data', (data) => {
    const key = data.toString();
    if (key === '\x1b[A' || key === '\x1bOA') selected = Math.max(0, selected - 1);
    else if (key === '\x1b[B' || key === '\x1bOB') selected = Math.min(OPTIONS.length - 1, selected + 1);
    else if (key === '\r' || key === '\n' || key === '\x1b' || key === '\x03') {
      process.stdin.setRawMode(false);
      out(`\x1b[?25h\nanswer: ${key === '\x1b' || key === '\x03' ? 'declined' : OPTIONS[selected]}\n`);
      process.exit(0);
    } else return;
    drawDialog(selected);
  });
}

async function password() {
  out('Connecting to deploy@10.20.0.31\n');
  spawnSync('stty', ['-echo'], { stdio: 'inherit' });
  const answer = await readLine("deploy@10.20.0.31's password: ");
  spawnSync('stty', ['echo'], { stdio: 'inherit' });
  out(`\nanswer: ${answer.length} characters\n`);
}

async function limit() {
  out('> keep going with the invoice export\n');
  out("  ⎿  You've hit your limit · resets 4am (UTC)\n");
  out('     /upgrade to increase your usage limit.\n\n');
  out(`╭${'─'.repeat(40)}╮\n│ >${' '.repeat(37)}│\n╰${'─'.repeat(40)}╯\n`);
  out('  ? for shortcuts');
  setInterval(() => undefined, 60_000);
}

const shows = { 'yes-no': yesNo, dialog, password, limit };
if (!shows[what]) {
  process.stderr.write(`usage: show-prompts.mjs ${Object.keys(shows).join('|')}\n`);
  process.exit(2);
}
await shows[what]();
