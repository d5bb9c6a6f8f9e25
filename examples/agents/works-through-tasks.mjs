#!/usr/bin/env node
// Takes each task from its input box and does what the task's words say, in its working directory:
//   default  works `--work` ms (default 1500), writes `<task-id>.txt`, commits it, appends a DONE coordination entry
//   "(fail)" works, appends a FAILED entry, commits nothing
//   "(hang)" works forever (never reports)
//   "(ask)"  asks the person a question and waits forever
//   "(quiet)" commits but reports nothing (the quiet-time fallback ends it)
// The coordination file is the one the task's trailer names. Every message is recorded (`message`), and each task's
// end as `task-end` { id, how }.
//   node works-through-tasks.mjs --name NAME --record FILE [--work MS]
import { appendFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cwd } from 'node:process';
import { flag, handleKeys, readMessage, record, show, start, transcript, work } from './lib/fixture.mjs';

start('works-through-tasks');
const workMs = Number(flag('work', 1500));

/** `2026-12-07 03:41` in UTC (the tests' configs use timezone UTC). */
const stamp = () => new Date().toISOString().slice(0, 16).replace('T', ' ');

const git = (...args) => execFileSync('git', args, { cwd: cwd(), stdio: ['ignore', 'pipe', 'pipe'] });

for (;;) {
  const text = await readMessage();
  const id = text.match(/\[task ([^\]]+)\]/)?.[1] ?? 'unknown';
  const file = text.match(/append an entry to (\S+?):/)?.[1];
  const entry = (status, output) => {
    if (file)
      appendFileSync(
        file,
        `\n## [${stamp()}] ${flag('name', 'agent')} → nightshift\n\nTask: ${id}\nStatus: ${status}\nOutput: ${output}\n`,
      );
  };
  if (text.includes('(ask)')) {
    await work(`Looking at ${id}`, 800);
    show('question', [
      '────────────────────────────────────────────────────────────',
      ' ☐ Scope',
      '',
      `Task ${id}: should I also change the public API?`,
      '',
      '❯ 1. Yes, change it',
      '  2. No, keep it',
      '  3. Type something.',
      '',
      'Enter to select · ↑/↓ to navigate · Esc to cancel',
    ]);
    record('task-end', { id, how: 'asked' });
    handleKeys(() => undefined);
    await new Promise(() => undefined);
  }
  if (text.includes('(hang)')) {
    record('task-end', { id, how: 'hangs' });
    await work(`Working on ${id}`, 2 ** 31 - 1);
  }
  await work(`Working on ${id}`, workMs);
  if (text.includes('(fail)')) {
    entry('FAILED', `could not do ${id}`);
    transcript.push(`⏺ ${id} failed.`, '');
    record('task-end', { id, how: 'failed' });
    continue;
  }
  writeFileSync(`${id}.txt`, `${id} by ${flag('name', 'agent')}\n`);
  git('add', `${id}.txt`);
  git('-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.com', 'commit', '-q', '-m', `${id}: done`);
  if (!text.includes('(quiet)')) entry('DONE', `wrote ${id}.txt`);
  transcript.push(`⏺ ${id} is done.`, '');
  record('task-end', { id, how: text.includes('(quiet)') ? 'quiet' : 'done' });
}
