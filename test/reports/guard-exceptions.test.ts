import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../core/journal/events.js';
import { rescues } from '../../reports/model/rescues.js';
import type { NightModel } from '../../reports/model/types.js';
import { rescuesSection } from '../../reports/sections/rescues.js';

const action = (extra: Partial<JournalEvent & { type: 'action' }>): JournalEvent =>
  ({
    t: '2026-11-21T02:00:00.000Z',
    type: 'action',
    agent: 'builder',
    plugin: 'auto-confirm',
    action: 'answer',
    reason: 'answer generic.yes-no: sudo apt-get install jq',
    screenHash: 'h',
    dryRun: false,
    verified: true,
    ...extra,
  }) as JournalEvent;

describe('guard exceptions in the report', () => {
  it('every send a `guard.allow` exception let through is listed with the reason the config gave', () => {
    const events = [
      action({ allowedBy: { rule: 'core.priv.sudo', reason: 'apt on the build box is fine' } }),
      action({ reason: 'answer claude-code.permission: npm test' }),
    ];
    const model = {
      timeZone: 'UTC',
      rescues: rescues(events, (t) => t),
      refusals: [],
      hookChannels: [],
    } as unknown as NightModel;
    const section = rescuesSection(model);
    expect(section.markdown).toContain('Guard exceptions used 1 time');
    expect(section.markdown).toContain('core.priv.sudo');
    expect(section.markdown).toContain('apt on the build box is fine');
  });

  it('says nothing about exceptions when none was used', () => {
    const model = {
      timeZone: 'UTC',
      rescues: rescues([action({})], (t) => t),
      refusals: [],
      hookChannels: [],
    } as unknown as NightModel;
    expect(rescuesSection(model).markdown).not.toContain('Guard exceptions');
  });
});
