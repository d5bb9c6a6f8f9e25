import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from './helpers.js';

// The command corpora: every dangerous line refused, every safe line allowed. The shared corpus lives beside
// the project (../shared/corpus/commands) when it is checked out; the fixtures here always run.

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(here, '../../../shared/corpus/commands');

/** Command lines of a corpus file: comments and blank lines dropped. */
function lines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

const CORPORA = [
  {
    name: 'fixtures',
    dangerous: resolve(here, 'fixtures/dangerous-more.txt'),
    safe: resolve(here, 'fixtures/safe-more.txt'),
  },
  { name: 'shared corpus', dangerous: resolve(shared, 'dangerous.txt'), safe: resolve(shared, 'safe.txt') },
];

describe.each(CORPORA)('$name', ({ dangerous, safe }) => {
  const present = existsSync(dangerous) && existsSync(safe);

  it.skipIf(!present)('refuses every dangerous line', () => {
    const allowed = lines(dangerous).filter((command) => check(command).verdict === 'allow');
    expect(allowed).toEqual([]);
  });

  it.skipIf(!present)('allows every safe line', () => {
    const refused = lines(safe)
      .map((command) => ({ command, result: check(command) }))
      .filter(({ result }) => result.verdict !== 'allow')
      .map(({ command, result }) => `${result.verdict} ${result.rule}: ${command}`);
    expect(refused).toEqual([]);
  });
});
