#!/usr/bin/env node
// Turns screens the agent bench captured (`npm run test:agents -- --capture DIR`: NNN.txt, NNN.txt.tmux.json,
// NNN.json) into fixtures of a real-screen table (test/fixtures/screens/real/<agent>): `<class>__<program>__<n>.txt`,
// its `.json` sidecar, and its row in `tmux-state.tsv`. The class is the person's label, never nightshift's verdict.
// Usage: node scripts/capture-to-fixture.mjs --class input --into test/fixtures/screens/real/codex \
//          [--set key=value ...] [--json '{"command": "npm test"}'] CAPTURE.txt [CAPTURE.txt ...]
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CLASSES = ['confirm', 'secret', 'input', 'busy', 'limit', 'error', 'output', 'question'];
const TSV_COLUMNS = [
  'cursor_x',
  'cursor_y',
  'cursor_flag',
  'alternate_on',
  'pane_in_mode',
  'pane_dead',
  'pane_current_command',
  'tty_mode',
];

function fail(message) {
  console.error(`capture-to-fixture: ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2);
const files = [];
const extra = {};
let cls;
let into;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--class') cls = args[++i];
  else if (a === '--into') into = args[++i];
  else if (a === '--set') {
    const [key, ...rest] = String(args[++i]).split('=');
    const value = rest.join('=');
    extra[key] = /^(?:true|false|null|-?\d+)$/.test(value) ? JSON.parse(value) : value;
  } else if (a === '--json') Object.assign(extra, JSON.parse(args[++i]));
  else files.push(a);
}
if (!CLASSES.includes(cls)) fail(`--class must be one of ${CLASSES.join(', ')}`);
if (!into || !existsSync(into)) fail('--into must name an existing fixture folder');
if (!files.length) fail('name at least one captured NNN.txt');

const tsv = join(into, 'tmux-state.tsv');
if (!existsSync(tsv)) writeFileSync(tsv, `name\t${TSV_COLUMNS.join('\t')}\n`);
for (const file of files) {
  const captured = JSON.parse(readFileSync(file.replace(/\.txt$/, '.json'), 'utf8'));
  const pane = JSON.parse(readFileSync(`${file}.tmux.json`, 'utf8'));
  const program = captured.agent;
  const taken = readdirSync(into)
    .map((f) => new RegExp(`^${cls}__${program}__(\\d+)\\.txt$`).exec(f)?.[1])
    .filter(Boolean)
    .map(Number);
  const name = `${cls}__${program}__${Math.max(0, ...taken) + 1}`;
  writeFileSync(join(into, `${name}.txt`), readFileSync(file, 'utf8'));
  const sidecar = {
    program,
    version: captured.version,
    scenario: captured.scenario,
    size: captured.size,
    source: `real ${program} TUI in the agent bench, sandbox paths under $HOME/.cache/nightshift/tmp`,
    class: cls,
    ...extra,
  };
  writeFileSync(join(into, `${name}.json`), `${JSON.stringify(sidecar, null, 2)}\n`);
  // the bench does not record the tty's mode; an agent's TUI runs its tty raw
  const row = { ...pane, tty_mode: 'raw' };
  appendFileSync(tsv, `${name}\t${TSV_COLUMNS.map((c) => row[c] ?? '').join('\t')}\n`);
  console.log(`${file} → ${join(into, name)}.txt`);
}
