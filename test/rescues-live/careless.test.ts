import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFleet } from '../helpers/fleet.js';
import { BUILT_INS, eventsOf, fixtureAgent, recorded, runNight } from './helpers.js';

// Issue 25 in real tmux with real programs: a careless plugin (careless.ts) types and presses on every tick. The
// fixtures show a permission dialog for a force-push, a line prompt, a password prompt and a question menu from the
// start, or draw the dialog the moment the first key arrives. Every key they receive is recorded with what was on
// screen: none may reach anything but an input box, and every refusal must be journaled and reported.
const NOT_INPUT = {
  permission: ['asks-permission', "--command 'git push --force origin main' --count 1"],
  line: ['asks-line-question', ''],
  password: ['asks-password', ''],
  question: ['asks-question-menu', ''],
} as const;

describe('a careless plugin against screens that are not inputs (real tmux)', () => {
  const fleet = makeFleet(
    [
      ...Object.entries(NOT_INPUT).map(([name, [program, args]]) => fixtureAgent(name, program, args)),
      fixtureAgent('first-key', 'draws-dialog-on-first-key'),
    ],
    // auto-confirm is left out: it would rightly answer the harmless line prompt, and this test counts keys
    { plugins: [join(import.meta.dirname, 'careless.ts'), ...BUILT_INS.filter((p) => p !== 'auto-confirm')] },
  );
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    night = await runNight(fleet, '12s');
  }, 180_000);
  afterAll(() => fleet.cleanup());

  const keys = (name: string) => recorded(fleet, name).filter((r) => r.event === 'key');
  const refusedTo = (name: string) =>
    eventsOf(night.events, 'refusal', name).filter((r) => r.plugin === 'careless');

  it.each(Object.keys(NOT_INPUT))('%s: the screen was there before it looked; no key reached it', (name) => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    expect(keys(name)).toEqual([]);
    const whys = new Set(refusedTo(name).map((r) => `${r.action}: ${r.why}`));
    expect([...whys].sort()).toEqual(['press: keys', 'press: screen', 'type: screen']);
  });

  it('a dialog drawn by the first key gets nothing: the one key went to the input box', () => {
    expect(keys('first-key').map((k) => [k.key, k.showing])).toEqual([['c', 'input']]);
    expect(recorded(fleet, 'first-key').filter((r) => r.event === 'answered')).toEqual([]);
    const types = refusedTo('first-key').filter((r) => r.action === 'type');
    expect(types.map((r) => r.why)).toContain('screen');
    expect(types.map((r) => r.reason)).toContainEqual(
      expect.stringMatching(/^a confirm screen .* came up after the first key; nothing more was sent$/),
    );
  });

  it('the report lists the refusals with the plugin that asked and the reason', () => {
    expect(night.report).toMatch(/\*\*Refused \d+ times?\*\*: .*screen/);
    const rows = night.report.split('\n').filter((l) => l.includes('| careless |'));
    expect(rows.some((r) => r.includes('| screen |') && r.includes('first-key'))).toBe(true);
  });
});
