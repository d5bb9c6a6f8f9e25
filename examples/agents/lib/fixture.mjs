// Pieces shared by the behaviour fixtures in examples/agents/: a Claude-Code-like screen (transcript, input box,
// permission dialog, spinner) and a recorder. Every fixture takes `--name NAME` and `--record FILE`; it appends one
// JSON line per event to FILE ({ t, agent, event, ... }), including every key it receives, so a test can tell
// exactly what reached which pane and when.
import { appendFileSync } from 'node:fs';
import { argv, exit, stdin, stdout } from 'node:process';

const ESC = '\x1b';

/** `--flag value` from argv, or `fallback`. */
export function flag(name, fallback) {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
}

/** True when `--name` is on the command line (a switch without a value). */
export function has(name) {
  return argv.includes(`--${name}`);
}

export const name = flag('name', 'fixture');
const recordFile = flag('record');

/** Appends one event to the record file (and nowhere else: the screen is the fixture's business). */
export function record(event, fields = {}) {
  if (recordFile)
    appendFileSync(recordFile, `${JSON.stringify({ t: Date.now(), agent: name, event, ...fields })}\n`);
}

/** Splits a chunk of terminal input into keys: escape sequences, Escape, Enter, single characters. */
export function keysOf(data) {
  const keys = [];
  for (let i = 0; i < data.length;) {
    const rest = data.slice(i);
    // eslint-disable-next-line no-control-regex
    const seq = /^\x1b(?:\[[0-9;]*[~A-Za-z]|O[A-Za-z])/.exec(rest);
    if (seq) {
      keys.push(seq[0]);
      i += seq[0].length;
    } else {
      keys.push(data[i]);
      i += 1;
    }
  }
  return keys;
}

/** A readable name for a key: Enter, Escape, Up, Down, or the character itself. */
export function keyName(key) {
  return (
    {
      '\r': 'Enter',
      '\n': 'Enter',
      [ESC]: 'Escape',
      [`${ESC}[A`]: 'Up',
      [`${ESC}OA`]: 'Up',
      [`${ESC}[B`]: 'Down',
      [`${ESC}OB`]: 'Down',
      '\x03': 'C-c',
      '\x7f': 'BSpace',
    }[key] ?? (key.startsWith(ESC) ? `ESC${key.slice(1)}` : key)
  );
}

const width = () => Math.min(stdout.columns || 100, 100);
const rows = () => stdout.rows || 30;
export const transcript = [];
let footer = [];
let cursor;
/** what the screen shows right now, for the record: `dialog:<id>`, `input`, `work`, `limit`, `secret`… */
export let showing = 'start';

/** Redraws the whole screen: transcript tail, then the footer; puts the cursor where the footer wants it. */
function render() {
  const body = transcript.slice(-(rows() - footer.length - 1));
  stdout.write(`${ESC}[H${ESC}[2J${[...body, ...footer].join('\r\n')}`);
  if (cursor) stdout.write(`${ESC}[${body.length + cursor.row + 1};${cursor.col + 1}H`);
}

/** A Claude Code 1.x box around `lines`. */
export function box(lines) {
  const w = width() - 2;
  const pad = (s) => `│ ${s}${' '.repeat(Math.max(0, w - 2 - [...s].length))} │`;
  return [`╭${'─'.repeat(w)}╮`, ...lines.map(pad), `╰${'─'.repeat(w)}╯`];
}

/** Shows `lines` under the transcript; `at` = { row, col } within them for the cursor, or none. */
export function show(what, lines, at) {
  showing = what;
  footer = lines;
  cursor = at;
  render();
}

let onKey = () => {};

/** Starts reading raw keys; every key is recorded with what was on screen when it arrived. */
export function listen() {
  stdin.setRawMode?.(true);
  stdin.setEncoding('utf8');
  stdin.on('data', (data) => {
    for (const key of keysOf(data)) {
      record('key', { key: keyName(key), showing });
      onKey(key);
    }
  });
}

/** Hands every key to `handler` from now on (instead of the input box or a dialog). */
export function handleKeys(handler) {
  onKey = handler;
}

/** Draws the input box holding `lines` of text, the cursor after the last one. */
export function drawInput(lines) {
  const rows = lines.length ? lines : [''];
  const last = rows[rows.length - 1];
  show('input', [...box(rows.map((l, i) => `${i ? '  ' : '> '}${l}`)), '  ? for shortcuts'], {
    row: rows.length,
    col: 4 + last.length,
  });
}

/** The input box; resolves with the submitted line (recorded as `message`). */
export function readMessage() {
  return new Promise((resolve) => {
    let text = '';
    // a long message wraps inside the box, as real agents draw it
    const draw = () => {
      const room = width() - 6;
      const rows = [];
      for (let i = 0; i === 0 || i < text.length; i += room) rows.push(text.slice(i, i + room));
      const last = rows[rows.length - 1];
      show('input', [...box(rows.map((r, i) => `${i ? '  ' : '> '}${r}`)), '  ? for shortcuts'], {
        row: rows.length,
        col: 4 + last.length,
      });
    };
    onKey = (key) => {
      if (key === '\r' || key === '\n') {
        if (!text.trim()) return;
        onKey = () => {};
        record('message', { text });
        transcript.push(`> ${text}`, '');
        resolve(text);
        return;
      }
      if (key === '\x7f') text = text.slice(0, -1);
      else if (!key.startsWith(ESC) && key >= ' ') text += key;
      draw();
    };
    draw();
  });
}

/** Works for `ms` behind a spinner row ("esc to interrupt"), keys ignored. */
export function work(label, ms) {
  onKey = () => {};
  const started = Date.now();
  return new Promise((resolve) => {
    const tick = () => {
      const s = Math.floor((Date.now() - started) / 1000);
      show('work', [
        `✻ ${label}… (${s}s · ↑ ${(s * 0.3 + 0.4).toFixed(1)}k tokens · esc to interrupt)`,
        ...box(['> ']),
        '  ? for shortcuts',
      ]);
    };
    tick();
    const timer = setInterval(tick, 250);
    setTimeout(() => {
      clearInterval(timer);
      resolve();
    }, ms);
  });
}

export const OPTIONS = [
  'Yes',
  "Yes, and don't ask again for this command in this project",
  'No, and tell Claude what to do differently (esc)',
];

/**
 * A permission dialog for `command` with a unique `id` and a `description` row; resolves with the chosen option's label, or 'withdrawn' when
 * `withdrawAfter` ms pass without an answer (the agent gave up waiting). Recorded: `shown`, `answered`/`withdrawn`.
 */
export function ask(id, command, { withdrawAfter, description = 'Run the command' } = {}) {
  return new Promise((resolve) => {
    let choice = 0;
    let timer;
    const draw = () =>
      show(
        `dialog:${id}`,
        box([
          'Bash command',
          '',
          `  ${command}`,
          `  ${description}`,
          '',
          'Do you want to proceed?',
          ...OPTIONS.map((o, i) => `${i === choice ? '❯' : ' '} ${i + 1}. ${o}`),
        ]),
      );
    const done = (label, event) => {
      clearTimeout(timer);
      onKey = () => {};
      record(event, { id, command, choice: label });
      transcript.push(`⏺ Bash(${command})`, label === 'Yes' ? '  ⎿  ok' : '  ⎿  Interrupted by user', '');
      resolve(label);
    };
    onKey = (key) => {
      const k = keyName(key);
      if (k === 'Up') choice = Math.max(0, choice - 1);
      else if (k === 'Down') choice = Math.min(OPTIONS.length - 1, choice + 1);
      else if (k === 'Enter') return done(OPTIONS[choice], 'answered');
      else if (k === 'Escape') return done('No', 'answered');
      draw();
    };
    draw();
    record('shown', { id, command });
    if (withdrawAfter) timer = setTimeout(() => done('withdrawn', 'withdrawn'), withdrawAfter);
  });
}

/** Starts the fixture: records `start` (with pid and whether it was resumed), draws the banner, listens for keys. */
export function start(banner) {
  record('start', { pid: process.pid, resumed: has('continue') });
  transcript.push(`✻ ${banner} (${name}${has('continue') ? ', resumed' : ''})`, '');
  listen();
}

/** Prints the last screen and exits with `status` (a crash). */
export function crash(status, lines) {
  transcript.push(...lines);
  show('exit', []);
  record('exit', { status });
  stdout.write('\r\n');
  exit(status);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
