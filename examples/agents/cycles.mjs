#!/usr/bin/env node
// A restless agent for soak tests: at random (seeded by its name and process id) it asks a safe permission, asks a
// dangerous one (and withdraws it after a few seconds, as if it gave up waiting), sits idle at its input box until it
// gets a message, works, or crashes. `--open KIND` makes its first step (not a resumed one's) that kind, so a soak can
// be sure every kind happens however the dice fall. Every dialog has a unique id, shown on screen in its description
// row. Records everything it shows and every key it receives (see lib/fixture.mjs).
//   node cycles.mjs --name NAME --record FILE [--open safe|dangerous|idle|crash] [--continue]
import { ask, crash, flag, has, name, readMessage, start, transcript, work } from './lib/fixture.mjs';

const SAFE = ['npm test', 'npm run lint', 'git status', 'npx tsc --noEmit'];
const DANGEROUS = ['rm -rf ~/', 'git push --force origin main'];

/** mulberry32: a small seeded generator, so a run can be replayed from its seed */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seed = [...name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261) ^ process.pid;
const rand = random(seed);
const pick = (list) => list[Math.floor(rand() * list.length)];
const between = (lo, hi) => Math.round(lo + rand() * (hi - lo));

start('cycles');
transcript.push(`seed ${seed >>> 0}`, '');
/** the dice for each kind: a roll under its figure (and over the one before) */
const ROLL = { safe: 0, dangerous: 0.4, idle: 0.55, crash: 0.8 };
const open = has('continue') ? undefined : flag('open');
if (open !== undefined && !(open in ROLL)) throw new Error(`--open takes ${Object.keys(ROLL).join(', ')}`);

for (let n = 1; ; n++) {
  const id = `${name}-${process.pid}-${n}`;
  const roll = n === 1 && open !== undefined ? ROLL[open] : rand();
  if (roll < 0.4) {
    const command = pick(SAFE);
    const choice = await ask(id, command, { description: `Run the command (${id})` });
    transcript.push(`⏺ ${command}: ${choice === 'Yes' ? 'done' : 'skipped'}.`, '');
  } else if (roll < 0.55) {
    await ask(id, pick(DANGEROUS), { description: `Clean up (${id})`, withdrawAfter: between(2500, 5000) });
    transcript.push('⏺ Never mind, leaving that for a human.', '');
  } else if (roll < 0.8) {
    transcript.push(`⏺ Step ${n} done; waiting for the next instruction.`, '');
    await readMessage();
  } else if (roll < 0.92) {
    await work('Migrating the schema', between(300, 1200));
    crash(1, ['Error: connect ECONNREFUSED 127.0.0.1:5432']);
  }
  await work(`Working on step ${n}`, between(500, 2000));
}
