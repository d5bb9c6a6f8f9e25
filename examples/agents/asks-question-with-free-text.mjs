#!/usr/bin/env node
// Claude Code 2.1's question menu (AskUserQuestion), with its free-text choice: Up/Down move the highlight; on
// "3. Type something." the row is a text field (the cursor moves into it, the footer adds "ctrl+g to edit in Vim"),
// typed keys replace the placeholder and long text wraps under the label; Enter sends the answer. Then it works and
// waits at its input box. Records: `chosen` (a fixed choice), `answered` (the typed text), `message` (later turns).
//   node asks-question-with-free-text.mjs --name NAME --record FILE
import { handleKeys, keyName, readMessage, record, show, start, transcript, work } from './lib/fixture.mjs';

start('asks-question-with-free-text');
transcript.push('❯ Please do the next task.');
const choices = [
  ['Postgres', 'A server database, the same as production'],
  ['SQLite', 'A file next to the code; nothing to run'],
  ['Type something.', null],
];
const QUESTION = 'Which database should the new service use?';
const LABEL_COLUMN = 5;
const width = () => Math.min(process.stdout.columns || 100, 100);
let highlight = 0;
let text = '';
let done = false;

/** The typed text cut to the field's width, continuation rows indented to the label. */
function wrapped(value) {
  const room = width() - LABEL_COLUMN - 1;
  const rows = [];
  for (let i = 0; i < value.length; i += room) rows.push(value.slice(i, i + room));
  return rows.length ? rows : [''];
}

function draw() {
  const lines = ['─'.repeat(width()), ' ☐ Database', '', QUESTION, ''];
  let at;
  choices.forEach(([label, description], i) => {
    const mark = i === highlight ? '❯' : ' ';
    if (i === 2 && text) {
      const rows = wrapped(text);
      lines.push(
        `${mark} ${i + 1}. ${rows[0]}`,
        ...rows.slice(1).map((r) => `${' '.repeat(LABEL_COLUMN)}${r}`),
      );
      if (i === highlight) at = { row: lines.length - 1, col: LABEL_COLUMN + rows[rows.length - 1].length };
    } else {
      lines.push(`${mark} ${i + 1}. ${label}`);
      if (i === highlight) at = { row: lines.length - 1, col: i === 2 ? LABEL_COLUMN : 0 };
    }
    if (description) lines.push(`     ${description}`);
  });
  lines.push('─'.repeat(width()), `${highlight === 3 ? '❯' : ' '} 4. Chat about this`, '');
  const vim = highlight === 2 ? 'ctrl+g to edit in Vim · ' : '';
  lines.push(`Enter to select · ↑/↓ to navigate · ${vim}Esc to cancel`);
  if (highlight === 3) at = { row: lines.length - 3, col: 0 };
  show('question', lines, at);
}

handleKeys(async (key) => {
  if (done) return;
  const k = keyName(key);
  if (k === 'Up') highlight = Math.max(0, highlight - 1);
  else if (k === 'Down') highlight = Math.min(3, highlight + 1);
  else if (k === 'Enter') {
    if (highlight === 2 && !text) return;
    done = true;
    const answer = highlight === 2 ? text : highlight === 3 ? 'Chat about this' : choices[highlight][0];
    record(highlight === 2 ? 'answered' : 'chosen', { text: answer, choice: answer });
    transcript.push('', "● User answered Claude's questions:", `  ⎿  · ${QUESTION} → ${answer}`, '');
    await work('Carrying on', 1500);
    transcript.push('● Done with that task.', '');
    for (;;) {
      await readMessage();
      await work('Continuing', 1500);
    }
  } else if (highlight === 2 && k === 'BSpace') text = text.slice(0, -1);
  else if (highlight === 2 && k.length === 1 && k >= ' ') text += k;
  draw();
});
draw();
setInterval(() => undefined, 60_000);
