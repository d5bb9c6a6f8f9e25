import { describe, expect, it } from 'vitest';
import { listPacks, listRules } from '../../core/guard/index.js';
import { check } from './helpers.js';

const rules = listRules();

describe('built-in rules', () => {
  it('have unique dotted ids under core.<pack>', () => {
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) expect(rule.id).toMatch(/^core\.[a-z0-9]+\.[a-z0-9-]+$/);
  });

  it('belong to the pack their id names', () => {
    for (const rule of rules) expect(rule.id.startsWith(`${rule.pack}.`)).toBe(true);
  });

  it('each say why in one line', () => {
    for (const rule of rules) {
      expect(rule.reason.length).toBeGreaterThan(10);
      expect(rule.reason).not.toContain('\n');
    }
  });

  it('cover every pack the issue asks for', () => {
    const packs = listPacks().map((pack) => pack.id);
    for (const id of [
      'core.fs',
      'core.disk',
      'core.perm',
      'core.git',
      'core.db',
      'core.containers',
      'core.k8s',
      'core.iac',
      'core.cloud',
      'core.system',
      'core.rce',
      'core.secrets',
      'core.self',
    ]) {
      expect(packs).toContain(id);
    }
  });

  it('have examples for every block and hold they can give (the limits-only rules aside)', () => {
    for (const rule of rules) {
      if (rule.id === 'core.parse.internal-error') continue;
      expect(rule.examples.length, rule.id).toBeGreaterThan(0);
    }
  });
});

const examples = rules.flatMap((rule) => rule.examples.map((example) => ({ id: rule.id, ...example })));

describe.each(examples)('$id: $command', ({ id, command, verdict }) => {
  it(`is ${verdict}`, () => {
    const result = check(command);
    expect(result.verdict).toBe(verdict);
    if (verdict !== 'allow' && result.rule === id)
      expect(result.reason).toBe(rules.find((rule) => rule.id === id)?.reason);
  });
});

describe('the examples that should be refused', () => {
  it('are refused by their own rule when it is the strictest one', () => {
    const misattributed = examples
      .filter((example) => example.verdict === rules.find((rule) => rule.id === example.id)?.verdict)
      .map((example) => ({ ...example, got: check(example.command) }))
      .filter((example) => example.got.verdict === example.verdict && example.got.rule !== example.id)
      .filter((example) => !example.id.startsWith('core.parse') && !example.id.startsWith('core.input'));
    expect(misattributed.map((example) => `${example.id} ← ${example.got.rule}: ${example.command}`)).toEqual(
      [],
    );
  });
});
