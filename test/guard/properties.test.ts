import { describe, expect, it } from 'vitest';
import { listRules } from '../../core/guard/index.js';
import { check, shellQuote } from './helpers.js';

// Property-style tests: wrapping a refused command in anything that still runs it never makes it
// allowed; quoting it as data (echo, grep, a commit message) always does.

const refused = listRules()
  .flatMap((rule) => rule.examples)
  .filter((example) => example.verdict !== 'allow' && example.command.length < 2000)
  .map((example) => example.command);

/** A single simple command: safe to put a prefix wrapper in front of. */
const isSimple = (command: string) => !/[;&|(){}\n]|<<|^\s*\w+=|^[!:>]/.test(command);

const RUNNING_WRAPPERS: [
  name: string,
  wrap: (command: string) => string,
  applies: (command: string) => boolean,
][] = [
  ['sudo', (c) => `sudo ${c}`, isSimple],
  ['sudo -u root -E --', (c) => `sudo -u root -E -- ${c}`, isSimple],
  ['env', (c) => `env ${c}`, isSimple],
  ['env -i FOO=1', (c) => `env -i FOO=1 ${c}`, isSimple],
  ['nohup', (c) => `nohup ${c}`, isSimple],
  ['timeout 5', (c) => `timeout 5 ${c}`, isSimple],
  ['nice -n 10', (c) => `nice -n 10 ${c}`, isSimple],
  ['command', (c) => `command ${c}`, isSimple],
  ['time', (c) => `time ${c}`, isSimple],
  ['bash -c', (c) => `bash -c ${shellQuote(c)}`, () => true],
  ['sh -c', (c) => `sh -c ${shellQuote(c)}`, () => true],
  ['bash -lc inside sudo', (c) => `sudo bash -lc ${shellQuote(c)}`, () => true],
  ['eval', (c) => `eval ${shellQuote(c)}`, () => true],
  ['chain after', (c) => `true && ${c}`, () => true],
  ['chain before', (c) => `${c}; echo done`, () => true],
  ['or-chain', (c) => `false || ${c}`, () => true],
  ['subshell', (c) => `(${c})`, () => true],
  ['brace group', (c) => `{ ${c}\n}`, () => true],
  ['command substitution', (c) => `echo "$(${c})"`, () => true],
  ['background', (c) => `${c} &`, () => true],
  ['if body', (c) => `if true; then ${c}\nfi`, () => true],
];

describe.each(RUNNING_WRAPPERS)('wrapping a refused command in %s', (_name, wrap, applies) => {
  const cases = refused.filter(applies);
  it(`never allows it (${cases.length} commands)`, () => {
    const allowed = cases
      .map((command) => wrap(command))
      .filter((wrapped) => check(wrapped).verdict === 'allow');
    expect(allowed).toEqual([]);
  });
});

const blocked = listRules()
  .flatMap((rule) => rule.examples)
  .filter((example) => example.verdict === 'block' && !example.command.includes('\n'))
  .map((example) => example.command);

const MENTIONS: [name: string, wrap: (command: string) => string][] = [
  ['echo', (c) => `echo ${shellQuote(c)}`],
  ['printf', (c) => `printf '%s\\n' ${shellQuote(c)}`],
  ['grep -e', (c) => `grep -e ${shellQuote(c)} notes.txt`],
  ['git commit -m', (c) => `git commit -m ${shellQuote(c)}`],
  ['a comment', (c) => `ls # ${c.replace(/\n/g, ' ')}`],
];

describe.each(MENTIONS)('mentioning a blocked command in %s', (_name, wrap) => {
  it(`is data, not code (${blocked.length} commands)`, () => {
    const refusedMentions = blocked
      .map((command) => wrap(command))
      .map((mention) => ({ mention, result: check(mention) }))
      .filter(({ result }) => result.verdict !== 'allow')
      .map(({ mention, result }) => `${result.rule}: ${mention}`);
    expect(refusedMentions).toEqual([]);
  });
});
