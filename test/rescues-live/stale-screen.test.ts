import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFleet } from '../helpers/fleet.js';
import { BUILT_INS, at, eventsOf, fixtureAgent, recorded, runNight } from './helpers.js';

// The screen changes between the check and the send. A test-only rescue (interfere-before-send.ts, loaded by path)
// runs before auto-confirm on the confirm finding and changes the pane: `swapped` turns its safe dialog into one for
// `rm -rf ~/`; `watched` is put into copy mode, as when a person scrolls back. `control` shows the same safe dialog
// and is left alone, so it proves the rest of the night would have answered.
describe('a screen that changes between check and send (real tmux)', () => {
  const fleet = makeFleet(
    [
      fixtureAgent('swapped', 'changes-dialog', "--command 'npm test' --to 'rm -rf ~/'"),
      fixtureAgent('watched', 'asks-permission', '--command "npm test" --count 1'),
      fixtureAgent('control', 'changes-dialog', "--command 'npm test'"),
    ],
    {
      plugins: [
        {
          name: join(import.meta.dirname, 'interfere-before-send.ts'),
          options: { swap: ['swapped'], copyMode: ['watched'] },
        },
        ...BUILT_INS,
      ],
    },
  );
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    night = await runNight(fleet, '10s');
  }, 180_000);
  afterAll(() => fleet.cleanup());

  const keys = (name: string) => recorded(fleet, name).filter((r) => r.event === 'key');
  const interfered = (name: string) =>
    eventsOf(night.events, 'note', name).filter((n) => n.plugin === 'interfere-before-send');

  it('the control dialog is answered (the night would have sent the keystroke)', () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    expect(keys('control').map((k) => [k.key, k.showing])).toEqual([['Enter', 'dialog:control-1']]);
    expect(interfered('control')).toEqual([]);
  });

  it('a dialog swapped for another before the send gets no keystroke: refused as stale', () => {
    const [note] = interfered('swapped');
    expect(note?.text).toBe('interfered: swapped the dialog (on screen)');
    expect(keys('swapped')).toEqual([]);
    const refusals = eventsOf(night.events, 'refusal', 'swapped');
    expect(refusals[0]).toMatchObject({ plugin: 'auto-confirm', action: 'answer', why: 'stale' });
    expect(at(refusals[0]!)).toBeGreaterThanOrEqual(at(note!));
    expect(eventsOf(night.events, 'action', 'swapped')).toEqual([]);
    // the new dialog is judged on its own: the guard blocks it and it is escalated, never answered
    expect(eventsOf(night.events, 'escalation', 'swapped')).toEqual([
      expect.objectContaining({ plugin: 'dangerous', kind: 'blocked-command', command: 'rm -rf ~/' }),
    ]);
  });

  it('a pane put into copy mode before the send gets no keystroke: refused as copy-mode', () => {
    const [note] = interfered('watched');
    expect(note?.text).toBe('interfered: copy mode (on)');
    expect(keys('watched')).toEqual([]);
    const refusals = eventsOf(night.events, 'refusal', 'watched');
    expect(refusals[0]).toMatchObject({ plugin: 'auto-confirm', action: 'answer', why: 'copy-mode' });
    expect(eventsOf(night.events, 'action', 'watched')).toEqual([]);
  });
});
