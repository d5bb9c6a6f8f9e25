import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listRules } from '../../core/guard/index.js';

/** The docs with table cells unpadded, so a formatter's alignment does not matter. */
const docs = readFileSync(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/guard.md'),
  'utf8',
).replace(/ *\| */g, '|');

describe('docs/guard.md', () => {
  it('lists every built-in rule with its verdict and reason', () => {
    const missing = listRules().filter(
      (rule) => !docs.includes(`|\`${rule.id}\`|${rule.verdict}|${rule.reason.replace(/\|/g, '\\|')}|`),
    );
    expect(missing.map((rule) => rule.id)).toEqual([]);
  });
});
