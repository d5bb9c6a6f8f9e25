// The bench's witness of a screen that came and went between two looks: the pane log as plain text.
import { describe, expect, it } from 'vitest';
import { plainText } from './night.js';

const ESC = '\x1b';

describe('plainText', () => {
  it.each([
    [
      'spaces drawn as cursor moves to a column (Claude Code)',
      `${ESC}[2GDo${ESC}[5Gyou${ESC}[9Gwant`,
      ' Do you want',
    ],
    ['a move forward', `Do${ESC}[1Cyou${ESC}[Cwant`, 'Do you want'],
    ['a move to a row and column', `Do${ESC}[3;5Hyou${ESC}[3;9fwant`, 'Do you want'],
    ['a move up or down between two words', `Do${ESC}[Ayou${ESC}[2Bwant`, 'Do you want'],
    ['colours and bold go without a space', `${ESC}[1mnotes${ESC}[22m.md${ESC}[39m?`, 'notes.md?'],
    ['runs of spaces are one', `Yes,   ${ESC}[4G and  tabs\t\there`, 'Yes, and tabs here'],
  ])('%s', (_what, raw, text) => {
    expect(plainText(raw)).toBe(text);
  });

  it('witnesses the dialog question of a real Claude Code log', () => {
    const raw = `\r\r\n${ESC}[2GDo${ESC}[5Gyou${ESC}[9Gwant${ESC}[14Gto${ESC}[17Gcreate${ESC}[24G${ESC}[1mnotes.md${ESC}[22m?\r\r\n`;
    expect(plainText(raw)).toMatch(/Do you want to (proceed|make this edit|create)/);
  });
});
