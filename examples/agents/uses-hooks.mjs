#!/usr/bin/env node
// An agent with Claude Code's hooks: it runs the hook commands named in the `--settings FILE` nightshift adds
// (SessionStart when it starts), takes a task, and then either
//   --ask COMMAND: draws its permission dialog for COMMAND and at once asks its PermissionRequest hook, as Claude Code
//     does; once the hook answers it keeps the dialog drawn `--linger` seconds more (default 3: the real agent takes it
//     down a moment later), then goes on as the hook said. Recorded: `hook-answer` (behavior), and every key as usual.
//   --limit-in S: ends its turn with StopFailure `rate_limit`, its last message naming a reset S seconds on, and
//     draws only its input box (no limit on screen). A message before the reset is recorded `early`, after it `resumed`.
//   node uses-hooks.mjs --name NAME --record FILE (--ask CMD [--linger S] | --limit-in S) --settings FILE
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ask, drawInput, flag, readMessage, record, sleep, start, transcript, work } from './lib/fixture.mjs';

const settings = JSON.parse(readFileSync(flag('settings'), 'utf8'));

/** Runs the hook command for `event` with `input` on stdin; resolves with its parsed stdout ({} when none). */
function hook(event, input) {
  const command = settings.hooks?.[event]?.[0]?.hooks?.[0]?.command;
  if (!command) return Promise.resolve({});
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', () => {
      try {
        resolve(JSON.parse(out || '{}'));
      } catch {
        resolve({});
      }
    });
    child.stdin.end(JSON.stringify({ session_id: 'fixture', hook_event_name: event, ...input }));
  });
}

start('uses-hooks');
await hook('SessionStart', { source: flag('continue') === undefined ? 'startup' : 'resume' });
const task = await readMessage();
record('task', { text: task });

const command = flag('ask');
if (command) {
  const linger = Number(flag('linger', 3)) * 1000;
  const byKey = ask('hooked', command).then((choice) => ({ by: 'key', choice }));
  const byHook = hook('PermissionRequest', {
    tool_name: 'Bash',
    tool_input: { command, description: 'Run the command' },
  }).then(async (answer) => {
    const behavior = answer.hookSpecificOutput?.decision?.behavior ?? 'none';
    record('hook-answer', { behavior, message: answer.hookSpecificOutput?.decision?.message });
    // a hook that made no decision leaves the dialog to the person (and to nightshift's screen path)
    if (behavior === 'none') return new Promise(() => {});
    await sleep(linger);
    return { by: 'hook', choice: behavior };
  });
  const outcome = await Promise.race([byKey, byHook]);
  record('decided', outcome);
  if (outcome.by === 'hook') {
    transcript.push(`⏺ Bash(${command})`, outcome.choice === 'allow' ? '  ⎿  ok' : '  ⎿  Denied by hook', '');
    await work('Going on', 1500);
  }
  transcript.push('⏺ Done.', '');
}

const limitIn = flag('limit-in');
if (limitIn) {
  const resetAt = Date.now() + Number(limitIn) * 1000;
  transcript.push('⏺ Refactoring the payment module.', '');
  record('limit', { resetAt });
  // the turn is over: the input box is back (Claude Code prints its error there; nightshift reads none of it)
  drawInput([]);
  await hook('StopFailure', {
    error: 'rate_limit',
    last_assistant_message: `Usage limit reached. Your limit will reset in ${limitIn} seconds.`,
  });
  for (;;) {
    const text = await readMessage();
    if (Date.now() < resetAt) {
      record('early', { text });
      continue;
    }
    record('resumed', { text });
    await work('Picking the refactor up again', 1500);
    transcript.push('⏺ Refactor done.', '');
    break;
  }
}
for (;;) {
  await readMessage();
  await work('Continuing', 1000);
}
