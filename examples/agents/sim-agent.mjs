#!/usr/bin/env node
// A simulated AI coding agent with a Claude-Code-like screen, for the demo and the tests.
// It waits at an input box for a task, works (spinner, "esc to interrupt"), asks permission
// dialogs, hits usage limits or crashes — as its scenario says. Usage:
//   node sim-agent.mjs SCENARIO [--name NAME]
// Scenarios: worker, risky, crasher, limited, secret (see SCENARIOS below).
import { appendFileSync } from 'node:fs';
import { stdin, stdout, argv, env, exit } from 'node:process';

const scenario = argv[2] ?? 'worker';
const name = argv.includes('--name') ? argv[argv.indexOf('--name') + 1] : scenario;
const resumed = argv.includes('--continue');

/** Each scenario is a list of steps run in order after the task is typed in. */
const SCENARIOS = {
  worker: [
    ['work', 'Reading TASKS.md', 3],
    ['print', '⏺ Task 1: add input validation to POST /orders'],
    ['ask', 'npm test -- --runInBand src/orders'],
    ['work', 'Running the order tests', 3],
    ['print', '⏺ Tests pass (42 passed). Appended a DONE entry to COORDINATION.md.'],
    ['log', 'DONE', 'Add input validation to POST /orders', 'src/routes/orders.ts, 3 new tests (42 passed)'],
    ['ask', 'git commit -m "Validate order input"'],
    ['work', 'Committing', 2],
    ['print', '⏺ Task 1 done. Waiting for the next instruction.'],
    ['log', 'WAIT', 'Next task in TASKS.md', 'waiting for the next instruction'],
    ['idle'],
  ],
  risky: [
    ['work', 'Cleaning up the build cache', 3],
    ['print', '⏺ The cache lives in the home directory; I will remove it.'],
    ['ask', 'rm -rf ~/ .cache/webapp'],
    ['print', '⏺ Understood, leaving it alone.'],
    ['log', 'HELP', 'Clean the build cache', 'needs a human: the cache path is inside the home directory'],
    ['idle'],
  ],
  crasher: [
    ['work', 'Migrating the schema', 4],
    ['log', 'ERROR', 'Migrate the orders schema', 'database refused the connection (127.0.0.1:5432)'],
    ['print', 'Error: connect ECONNREFUSED 127.0.0.1:5432'],
    ['print', '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)'],
    ['crash', 1],
  ],
  limited: [
    ['work', 'Refactoring the payment module', 3],
    ['limit'],
    ['work', 'Picking the refactor up again', 3],
    ['print', '⏺ Refactor done; summary appended to COORDINATION.md.'],
    [
      'log',
      'DONE',
      'Refactor the payment module',
      'src/payments/*.ts split into gateway, ledger and refunds',
    ],
    ['idle'],
  ],
  secret: [
    ['work', 'Publishing the package', 2],
    ['password', 'npm login: Password: '],
  ],
};

const ESC = '\x1b';
const width = () => Math.min(stdout.columns || 100, 110);
const transcript = [];
let footer = [];
let keyHandler = () => {};
let batching = false;
let pendingDraw;

/** Appends a status entry to the coordination file named by $COORDINATION_FILE, as a real agent is asked to. */
function logEntry(status, task, output) {
  if (!env.COORDINATION_FILE) return;
  const now = new Date();
  const stamp = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')} ${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
  appendFileSync(
    env.COORDINATION_FILE,
    `\n## [${stamp}] ${name} → lead\n\nStatus: ${status}\nTask: ${task}\nOutput: ${output}\n`,
  );
}

function render() {
  const rows = stdout.rows || 40;
  const body = transcript.slice(-(rows - footer.length - 1));
  stdout.write(`${ESC}[H${ESC}[2J${[...body, ...footer].join('\r\n')}`);
}

function box(lines) {
  const w = width() - 2;
  const pad = (s) => `│ ${s}${' '.repeat(Math.max(0, w - 2 - [...s].length))} │`;
  return [
    `╭${'─'.repeat(w)}╮`,
    ...lines.flatMap((line) => wrapRow(line, w - 2)).map(pad),
    `╰${'─'.repeat(w)}╯`,
  ];
}

/** A row longer than the box wraps inside it, continuing under its text (as Claude Code lays out a long option). */
function wrapRow(line, inner) {
  const chars = [...line];
  if (chars.length <= inner) return [line];
  const indent = ' '.repeat(Math.min(inner - 10, (/^\s*(\S+\s)?/.exec(line)?.[0].length ?? 0) + 2));
  const rows = [chars.slice(0, inner).join('')];
  for (let rest = chars.slice(inner); rest.length > 0; rest = rest.slice(inner - indent.length))
    rows.push(indent + rest.slice(0, inner - indent.length).join(''));
  return rows;
}

/** Shows the input box and resolves with the line typed into it. */
function readInput() {
  return new Promise((resolve) => {
    let text = '';
    const draw = () => {
      if (batching) return void (pendingDraw = draw);
      const w = width() - 6;
      const rows = [];
      for (let i = 0; i === 0 || i < text.length; i += w)
        rows.push(`${i === 0 ? '> ' : '  '}${text.slice(i, i + w)}`);
      footer = [...box(rows), '  ? for shortcuts'];
      render();
      const bodyRows = Math.min(transcript.length, (stdout.rows || 40) - footer.length - 1);
      const last = rows[rows.length - 1];
      stdout.write(`${ESC}[${bodyRows + 1 + rows.length};${3 + last.length + 1}H`);
    };
    keyHandler = (key) => {
      if (key === '\r' || key === '\n') {
        if (!text.trim()) return;
        keyHandler = () => {};
        transcript.push(`> ${text}`, '');
        footer = [];
        resolve(text);
      } else if (key === '\x7f') text = text.slice(0, -1);
      else if (key >= ' ' && !key.startsWith(ESC)) text += key;
      draw();
    };
    draw();
  });
}

function work(label, seconds) {
  const frames = ['·', '✢', '✳', '∗', '✻', '✽'];
  const started = Date.now();
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const s = Math.floor((Date.now() - started) / 1000);
      footer = [
        `${frames[s % frames.length]} ${label}… (${s}s · ↑ ${(s * 0.3 + 0.4).toFixed(1)}k tokens · esc to interrupt)`,
        ...box(['> ']),
        '  ? for shortcuts',
      ];
      render();
      if (Date.now() - started >= seconds * 1000) {
        clearInterval(timer);
        footer = [];
        resolve();
      }
    }, 250);
  });
}

/** A permission dialog; resolves true for Yes, false for No. Never offers to remember the answer silently. */
function ask(command) {
  return new Promise((resolve) => {
    let choice = 0;
    const options = [
      'Yes',
      `Yes, and don't ask again for ${command.split(' ')[0]} commands in ${process.cwd()}`,
      'No, and tell Claude what to do differently (esc)',
    ];
    const draw = () => {
      footer = box([
        'Bash command',
        '',
        `  ${command}`,
        '  Run the command',
        '',
        'Do you want to proceed?',
        ...options.map((o, i) => `${i === choice ? '❯' : ' '} ${i + 1}. ${o}`),
      ]);
      render();
    };
    keyHandler = (key) => {
      if (key === `${ESC}[B`) choice = Math.min(choice + 1, 2);
      else if (key === `${ESC}[A`) choice = Math.max(choice - 1, 0);
      else if (key === '1' || key === '2' || key === '3') choice = Number(key) - 1;
      else if (key === ESC) choice = 2;
      if (key === '\r' || key === '1' || key === '2' || key === '3' || key === ESC) {
        keyHandler = () => {};
        footer = [];
        transcript.push(`⏺ Bash(${command})`, choice < 2 ? '  ⎿  ok' : '  ⎿  Interrupted by user');
        resolve(choice < 2);
        return;
      }
      draw();
    };
    draw();
  });
}

function limit() {
  const reset = new Date(Date.now() + 20_000);
  const seconds = Math.max(1, Math.round((reset.getTime() - Date.now()) / 1000));
  transcript.push(
    `  ⎿  Usage limit reached. Your limit will reset in ${seconds} seconds.`,
    '     /upgrade to increase your usage limit.',
  );
  return readInput();
}

function password(prompt) {
  footer = [prompt];
  render();
  return new Promise(() => {});
}

async function main() {
  stdin.setRawMode?.(true);
  stdin.setEncoding('utf8');
  stdin.on('data', (data) => {
    const keys = data.startsWith(ESC) ? [data] : [...data];
    batching = true;
    for (const k of keys) keyHandler(k);
    batching = false;
    if (pendingDraw) pendingDraw();
    pendingDraw = undefined;
  });
  transcript.push(`✻ Welcome to sim-agent (${name}${resumed ? ', resumed' : ''})`, '');
  await readInput();
  for (const step of SCENARIOS[scenario] ?? SCENARIOS.worker) {
    const [kind, arg, n] = step;
    if (kind === 'work') await work(arg, n);
    else if (kind === 'print') transcript.push(arg);
    else if (kind === 'log') logEntry(arg, n, step[3]);
    else if (kind === 'ask') await ask(arg);
    else if (kind === 'limit') await limit();
    else if (kind === 'password') await password(arg);
    else if (kind === 'crash') {
      render();
      stdout.write('\r\n');
      exit(arg);
    } else if (kind === 'idle') {
      for (;;) {
        await readInput();
        await work('Continuing with the task list', 3);
        transcript.push('⏺ Nothing left in TASKS.md; status written to COORDINATION.md.');
      }
    }
    render();
  }
}

main();
