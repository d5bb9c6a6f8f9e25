import { describe, expect, it } from 'vitest';
import { parseFlags, type FlagSpec } from '../../core/guard/flags/parse-flags.js';
import { literalArg } from '../../core/guard/syntax/arg.js';

const RM: FlagSpec = {
  aliases: { R: 'r', recursive: 'r', force: 'f' },
  longFlags: ['recursive', 'force', 'no-preserve-root'],
};

const parse = (line: string, spec: FlagSpec = RM) => {
  const parsed = parseFlags(line.split(' ').filter(Boolean).map(literalArg), spec);
  return {
    flags: [...parsed.flags].sort(),
    values: Object.fromEntries(
      [...parsed.values].map(([name, list]) => [name, list.map((arg) => arg.value)]),
    ),
    operands: parsed.operands.map((arg) => arg.value),
  };
};

describe('parseFlags', () => {
  it.each([
    ['-rf /', ['f', 'r'], ['/']],
    ['-r -f /', ['f', 'r'], ['/']],
    ['-Rf /', ['f', 'r'], ['/']],
    ['--recursive --force /', ['f', 'r'], ['/']],
    ['--recurs --forc /', ['f', 'r'], ['/']],
    ['/ -rf', ['f', 'r'], ['/']],
    ['-- -rf', [], ['-rf']],
    ['-rfv a b', ['f', 'r', 'v'], ['a', 'b']],
  ])('rm %s', (line, flags, operands) => {
    const parsed = parse(line);
    expect(parsed.flags).toEqual(flags);
    expect(parsed.operands).toEqual(operands);
  });

  it('takes values for short options, attached or separate', () => {
    const spec: FlagSpec = { shortWithValue: 'n' };
    expect(parse('-n 5 x', spec).values).toEqual({ n: ['5'] });
    expect(parse('-n5 x', spec).values).toEqual({ n: ['5'] });
    expect(parse('-vn5 x', spec)).toMatchObject({ flags: ['n', 'v'], values: { n: ['5'] }, operands: ['x'] });
  });

  it('takes values for long options, with = or separate', () => {
    const spec: FlagSpec = { longWithValue: ['signal'] };
    expect(parse('--signal KILL x', spec).values).toEqual({ signal: ['KILL'] });
    expect(parse('--signal=KILL x', spec).values).toEqual({ signal: ['KILL'] });
  });

  it('stops at the first operand for wrappers', () => {
    expect(parse('-n 10 rm -rf ~', { shortWithValue: 'n', stopAtOperand: true }).operands).toEqual([
      'rm',
      '-rf',
      '~',
    ]);
  });

  it('reads single-dash long options when asked (sqlite3 -cmd)', () => {
    expect(parse('-cmd SELECT db', { singleDashLong: true, longWithValue: ['cmd'] }).values).toEqual({
      cmd: ['SELECT'],
    });
  });
});
