import { definePack } from '../../invocation.js';
import { defineRule } from '../../rule.js';

// What the parser cannot settle: errors, budgets, and commands whose name or text is only known at run time.

export const syntaxError = defineRule({
  id: 'core.parse.syntax-error',
  verdict: 'hold',
  reason: 'the command does not parse as bash (here or in a nested script), so what it runs is unknown',
  examples: [
    { command: 'echo "unterminated', verdict: 'hold' },
    { command: 'sh -c "ls && "', verdict: 'hold' },
    { command: 'echo $(ls', verdict: 'hold' },
    { command: 'echo "$(ls)"', verdict: 'allow' },
  ],
});

export const tooComplex = defineRule({
  id: 'core.parse.too-complex',
  verdict: 'hold',
  reason: 'the command is too large or took too long to analyse; a person has to look at it',
  examples: [{ command: `echo ${'$(('.repeat(200)}`, verdict: 'hold' }],
});

export const tooDeep = defineRule({
  id: 'core.parse.too-deep',
  verdict: 'hold',
  reason: 'wrappers and nested shells go deeper than the guard follows',
  examples: [
    { command: `${'nice '.repeat(12)}ls`, verdict: 'hold' },
    { command: `${'nice '.repeat(3)}ls`, verdict: 'allow' },
  ],
});

export const dynamicCommand = defineRule({
  id: 'core.parse.dynamic-command',
  verdict: 'hold',
  reason:
    'the program name comes from a variable, a substitution or an expansion, so what runs is only known at run time',
  examples: [
    { command: 'x=ls; $x -la', verdict: 'hold' },
    { command: '$(echo ls) -la', verdict: 'hold' },
    { command: '"${cmd[@]}"', verdict: 'hold' },
    { command: 'ls "$x"', verdict: 'allow' },
  ],
});

export const dynamicScript = defineRule({
  id: 'core.parse.dynamic-script',
  verdict: 'hold',
  reason: "a shell runs text that is only known at run time (a variable or a command's output)",
  examples: [
    { command: 'eval "$CMD"', verdict: 'hold' },
    { command: 'sh -c "$script"', verdict: 'hold' },
    { command: 'eval "ls -la"', verdict: 'allow' },
  ],
});

export const unknownProgram = defineRule({
  id: 'core.parse.unknown-program',
  verdict: 'hold',
  reason: 'the guard does not know this program, so it cannot tell whether it is safe',
  alternative: 'allow it in the config with a reason, or add a rule for it',
  examples: [
    { command: 'frobnicate --all', verdict: 'hold' },
    { command: '/opt/tools/bin/frobnicate', verdict: 'hold' },
    { command: './scripts/build.sh', verdict: 'allow' },
  ],
});

export const unknownWrapper = defineRule({
  id: 'core.parse.unknown-wrapper',
  verdict: 'hold',
  reason: 'an unknown program wraps what looks like a command; the guard cannot see how it runs it',
  examples: [
    { command: 'rtk git status', verdict: 'hold' },
    { command: 'mywrap make build', verdict: 'hold' },
  ],
});

export const internalError = defineRule({
  id: 'core.parse.internal-error',
  verdict: 'hold',
  reason: 'the guard failed while analysing the command; nothing fails open',
  examples: [],
});

export const parsePack = definePack({
  id: 'core.parse',
  summary: 'what the parser cannot settle: syntax errors, budgets, run-time command names, unknown programs',
  rules: [
    syntaxError,
    tooComplex,
    tooDeep,
    dynamicCommand,
    dynamicScript,
    unknownProgram,
    unknownWrapper,
    internalError,
  ],
  checks: [],
});
