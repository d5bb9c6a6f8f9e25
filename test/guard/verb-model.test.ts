import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createGuard, mergeGuardOptions } from '../../core/guard/index.js';
import { check, PLACES } from './helpers.js';

// The verb model and the ways a command runs another or changes meaning, as tables: one fixture file per kind
// under fixtures/verbs/, each line `VERDICT COMMAND` where VERDICT is allow, block, hold, or deny (block or hold).

const here = dirname(fileURLToPath(import.meta.url));
const folder = resolve(here, 'fixtures/verbs');

type Expected = 'allow' | 'block' | 'hold' | 'deny';

/** The cases of one fixture file, with the section each belongs to. */
function casesIn(file: string): { section: string; expected: Expected; command: string }[] {
  let section = '';
  const cases: { section: string; expected: Expected; command: string }[] = [];
  for (const line of readFileSync(resolve(folder, file), 'utf8').split('\n')) {
    const heading = /^# -+ (.*)$/.exec(line);
    if (heading) section = heading[1] as string;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = /^(allow|block|hold|deny) (.+)$/.exec(line);
    if (!match) throw new Error(`${file}: a line must start with allow, block, hold or deny: ${line}`);
    cases.push({ section, expected: match[1] as Expected, command: match[2] as string });
  }
  return cases;
}

const files = readdirSync(folder).filter((name) => name.endsWith('.txt'));

describe.each(files)('%s', (file) => {
  const cases = casesIn(file);

  it('has cases of both kinds', () => {
    expect(cases.some((entry) => entry.expected === 'allow')).toBe(true);
    expect(cases.some((entry) => entry.expected !== 'allow')).toBe(true);
  });

  it('gives every line its verdict', () => {
    const wrong = cases
      .map((entry) => ({ ...entry, result: check(entry.command) }))
      .filter(({ expected, result }) =>
        expected === 'deny' ? result.verdict === 'allow' : result.verdict !== expected,
      )
      .map(
        ({ section, expected, command, result }) =>
          `[${section}] want ${expected}, got ${result.verdict} ${result.rule ?? ''}: ${command}`,
      );
    expect(wrong).toEqual([]);
  });
});

describe('the verb model', () => {
  it('names the verb rule for a tool no pack covers', () => {
    expect(check('frobctl widgets delete 42').rule).toBe('core.verbs.destroy');
    expect(check('frobctl deploy api').rule).toBe('core.verbs.publish');
    expect(check('frobctl widgets create blue').rule).toBe('core.verbs.change');
    expect(check('frobctl data.csv').rule).toBe('core.parse.unknown-program');
  });

  it('lets the last verb of the path decide between a read and a change', () => {
    expect(check('frobctl releases list').verdict).toBe('allow');
    expect(check('frobctl status update').verdict).toBe('hold');
  });

  it('takes verbs from the config', () => {
    const guard = createGuard({ verbs: { read: ['peek'], destroy: ['zapall'], publish: ['ship-it'] } });
    expect(guard.check('frobctl widgets peek', PLACES).verdict).toBe('allow');
    expect(guard.check('frobctl widgets zapall', PLACES).verdict).toBe('block');
    expect(guard.check('frobctl ship-it', PLACES).rule).toBe('core.verbs.publish');
    expect(check('frobctl widgets peek').verdict).toBe('hold');
  });

  it('takes only destructive and publishing verbs from a config the agents can edit', () => {
    const merged = mergeGuardOptions(
      { verbs: { read: ['peek'] } },
      { verbs: { read: ['tally'], destroy: ['zapall'], publish: ['ship-it'] } },
    );
    const guard = createGuard(merged);
    expect(guard.check('frobctl widgets peek', PLACES).verdict).toBe('allow');
    expect(guard.check('frobctl widgets tally', PLACES).verdict).toBe('hold');
    expect(guard.check('frobctl widgets zapall', PLACES).verdict).toBe('block');
    expect(guard.check('frobctl ship-it', PLACES).rule).toBe('core.verbs.publish');
  });

  it('never lets a config read verb excuse a built-in destructive one', () => {
    const guard = createGuard({ verbs: { read: ['delete'] } });
    expect(guard.check('frobctl widgets delete 42', PLACES).verdict).toBe('block');
  });

  it('keeps help and dry runs from excusing what runs on the way', () => {
    expect(check("git -c core.sshCommand='rm -rf ~' push --dry-run origin main").verdict).toBe('block');
    expect(check("PS4='$(rm -rf ~)' frobctl deploy --dry-run").verdict).toBe('block');
  });
});
