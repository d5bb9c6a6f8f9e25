import { definePack } from '../../invocation.js';
import { defineRule } from '../../rule.js';

// Input the guard refuses to judge before parsing: too long, hidden characters, cut off.

export const tooLong = defineRule({
  id: 'core.input.too-long',
  verdict: 'hold',
  reason: 'the command is longer than the guard reads; a person has to look at it',
  examples: [
    { command: `echo ${'x'.repeat(70_000)}`, verdict: 'hold' },
    { command: `echo ${'x'.repeat(100)}`, verdict: 'allow' },
  ],
});

export const controlChars = defineRule({
  id: 'core.input.control-chars',
  verdict: 'hold',
  reason: 'the command contains control characters (carriage return, escape, NUL) that can hide what runs',
  examples: [
    { command: 'echo safe\rrm -rf ~', verdict: 'hold' },
    { command: 'echo "a\tb"', verdict: 'allow' },
  ],
});

export const invisibleUnicode = defineRule({
  id: 'core.input.invisible-unicode',
  verdict: 'hold',
  reason: 'the command contains invisible or direction-changing Unicode characters that can hide what runs',
  examples: [
    { command: 'ls\u200b -la', verdict: 'hold' },
    { command: 'echo "\u202erm -rf ~"', verdict: 'hold' },
    { command: 'git commit -m "café déjà vu"', verdict: 'allow' },
  ],
});

export const truncated = defineRule({
  id: 'core.input.truncated',
  verdict: 'hold',
  reason: 'the command looks cut off (it ends in "…" or a line continuation), so the rest is unknown',
  examples: [
    { command: 'rm -rf build \\', verdict: 'hold' },
    { command: 'git push origin feat…', verdict: 'hold' },
    { command: 'ls -la', verdict: 'allow' },
  ],
});

export const inputPack = definePack({
  id: 'core.input',
  summary: 'input the guard will not judge: too long, hidden characters, cut off',
  rules: [tooLong, controlChars, invisibleUnicode, truncated],
  checks: [],
});
