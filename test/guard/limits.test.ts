import { describe, expect, it } from 'vitest';
import { createGuard } from '../../core/guard/index.js';
import { check, PLACES } from './helpers.js';

// Pathological input ends in `hold` within the budget, never in an exception or `allow`.

const nest = (depth: number, open: string, inner: string, close: string) =>
  open.repeat(depth) + inner + close.repeat(depth);

const CASES: [name: string, command: string, rule: string][] = [
  ['input over the size limit', `echo ${'a'.repeat(40_000)}`, 'core.input.too-long'],
  ['a NUL byte', 'ls\u0000 -la', 'core.input.control-chars'],
  ['a carriage return hiding a second command', 'echo ok\rrm -rf ~', 'core.input.control-chars'],
  ['an escape sequence', 'echo \u001b[2Jhi', 'core.input.control-chars'],
  ['a zero-width space', 'r\u200bm -rf build', 'core.input.invisible-unicode'],
  ['a right-to-left override', 'echo \u202e~ fr- mr', 'core.input.invisible-unicode'],
  ['a tag character', 'ls \u{E0061}', 'core.input.invisible-unicode'],
  ['a trailing line continuation', 'rm -rf build \\', 'core.input.truncated'],
  ['a trailing ellipsis', 'git push origin feat…', 'core.input.truncated'],
  ['an unterminated quote', "echo 'abc", 'core.parse.syntax-error'],
  ['an unterminated substitution', 'echo $(ls', 'core.parse.syntax-error'],
  ['an error inside a nested script', 'bash -c "ls && "', 'core.parse.syntax-error'],
  ['an error inside a substitution inside a nested script', "sh -c 'echo $(ls'", 'core.parse.syntax-error'],
  ['a heredoc without its closing line', 'cat <<EOF\nabc', 'core.parse.syntax-error'],
  ['deeply nested substitutions', nest(300, '$(', 'ls', ')'), 'core.parse.syntax-error'],
  ['deeply nested subshells', nest(300, '(', 'ls', ')'), 'core.parse.syntax-error'],
  ['wrappers nested past the depth limit', `${'nice '.repeat(20)}ls`, 'core.parse.too-deep'],
];

describe('limits', () => {
  it.each(CASES)('%s → hold', (_name, command, rule) => {
    const started = performance.now();
    const result = check(command);
    expect(result.verdict).toBe('hold');
    expect(result.rule).toBe(rule);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('holds when the time budget runs out', () => {
    const guard = createGuard({ limits: { maxMillis: 0 } });
    const result = guard.check('ls; ls; ls; ls', PLACES);
    expect(result).toMatchObject({ verdict: 'hold', rule: 'core.parse.too-complex' });
  });

  it('holds when a script has more nodes than the budget', () => {
    const guard = createGuard({ limits: { maxNodes: 20 } });
    expect(guard.check('echo a b c d e f g h i j k l m n o p q r s t u v w x y z', PLACES).verdict).toBe(
      'hold',
    );
  });

  it('counts nested shells toward the depth limit', () => {
    const nested = (depth: number): string =>
      depth === 0 ? 'ls' : `bash -c ${JSON.stringify(nested(depth - 1))}`;
    expect(check(nested(3)).verdict).toBe('allow');
    expect(check(nested(12)).verdict).toBe('hold');
  });

  it('never throws and always answers, whatever the input', () => {
    const alphabet = [
      'rm',
      ' ',
      '-rf',
      '~',
      '$(',
      ')',
      '`',
      "'",
      '"',
      '\\',
      '|',
      '&',
      ';',
      '<',
      '>',
      '<<',
      '{',
      '}',
      '(',
      '*',
      '$',
      'x',
      '\n',
      '#',
      '=',
      '!',
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let i = 0; i < 2000; i++) {
      const length = 1 + Math.floor(random() * 30);
      const command = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const result = check(command);
      expect(['allow', 'block', 'hold']).toContain(result.verdict);
      if (/rm\s+-rf\s+~/.test(command) && result.verdict === 'allow') {
        expect.soft(command, 'rm -rf ~ allowed').toBe('');
      }
    }
  });
});
