import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, snapshotFromText, type Classification } from '../../core/index.js';

// Real Claude Code question menus (AskUserQuestion), read as menus: the choices, the highlight, the free-text choice and
// whether its text field is open (the highlight on it and the cursor in it).
const dir = join(import.meta.dirname, '../fixtures/screens');

function read(path: string, profile = 'claude-code'): Classification {
  const text = readFileSync(join(dir, `${path}.txt`), 'utf8');
  let state = {};
  try {
    state = JSON.parse(readFileSync(join(dir, `${path}.txt.tmux.json`), 'utf8')) as object;
  } catch {
    // a screen saved without its pane state: the cursor is unknown
  }
  return classify(snapshotFromText(text, state), { profile });
}

const choices = ['Postgres', 'SQLite', 'Type something.', 'Chat about this'];

describe('question menus', () => {
  it.each([
    // [screen, selected, fieldOpen, fieldText, labels]
    ['question-menu/first-choice-highlighted', 1, false, null, choices],
    ['question-menu/second-choice-highlighted', 2, false, null, choices],
    ['question-menu/free-text-field-open', 3, true, '', choices],
    [
      'question-menu/free-text-field-typed',
      3,
      true,
      'Pick the safest',
      ['Postgres', 'SQLite', '(type an answer)', 'Chat about this'],
    ],
    ['real/claude-code/question__claude-code__1', 1, false, null, choices],
    ['real/claude-code/bench/question-menu@80x24', 1, false, null, choices],
    ['real/claude-code/bench/question-menu@120x40', 1, false, null, choices],
  ] as const)('%s', (path, selected, fieldOpen, fieldText, labels) => {
    const c = read(path);
    expect(c.state).toBe('question');
    expect(c.question?.choices.map((x) => x.label)).toEqual(labels);
    expect(c.question?.selected).toBe(selected);
    expect(c.question?.freeText).toBe(3);
    expect(c.question?.fieldOpen).toBe(fieldOpen);
    expect(c.question?.fieldText).toBe(fieldText);
    expect(c.question?.text).toMatch(/Which database should the (new )?service use\?/);
  });

  it('the question keeps its signature while the highlight moves and the field is typed into', () => {
    const sigs = [
      'first-choice-highlighted',
      'second-choice-highlighted',
      'free-text-field-open',
      'free-text-field-typed',
    ].map((n) => read(`question-menu/${n}`).question?.signature);
    expect(new Set(sigs).size).toBe(1);
    expect(sigs[0]).toContain('1. Postgres');
  });

  it('a profile without a free-text choice offers none', () => {
    const c = read('question-menu/first-choice-highlighted', 'generic');
    expect(c.question?.freeText ?? null).toBeNull();
  });
});
