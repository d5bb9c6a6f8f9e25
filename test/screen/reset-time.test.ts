import { describe, expect, it } from 'vitest';
import { parseResetTime } from '../../core/screen/reset-time.js';

// 2026-11-21 02:00 UTC is a Saturday; New York is UTC-5 then, Berlin UTC+1, Santiago UTC-3 (summer time).
const now = new Date('2026-11-21T02:00:00Z');

const cases: ReadonlyArray<readonly [string, string, string | undefined, string | undefined]> = [
  // text, configured zone, expected ISO, what it shows
  [
    '5-hour limit reached ∙ resets 5am',
    'UTC',
    '2026-11-21T05:00:00.000Z',
    'clock, no zone: the configured one',
  ],
  [
    '5-hour limit reached · resets 5am',
    'Europe/Berlin',
    '2026-11-21T04:00:00.000Z',
    'clock, no zone, Berlin',
  ],
  ['resets 1am', 'UTC', '2026-11-22T01:00:00.000Z', 'a clock time already past today means tomorrow'],
  ['resets 2am', 'UTC', '2026-11-22T02:00:00.000Z', 'exactly now counts as past'],
  ['resets 12am', 'UTC', '2026-11-22T00:00:00.000Z', '12am is midnight'],
  ['resets 12pm', 'UTC', '2026-11-21T12:00:00.000Z', '12pm is noon'],
  ['resets 12:50am (America/Los_Angeles)', 'UTC', '2026-11-21T08:50:00.000Z', 'IANA zone, minutes'],
  [
    'Your limit will reset at 3pm (America/New_York).',
    'UTC',
    '2026-11-21T20:00:00.000Z',
    'Claude 1.x wording',
  ],
  [
    'Your limit will reset at 1pm (Etc/GMT+5).',
    'UTC',
    '2026-11-21T18:00:00.000Z',
    'Etc/GMT+5 is UTC-5 (POSIX sign)',
  ],
  [
    'Claude usage limit reached. Your limit will reset at 12am.',
    'Asia/Tokyo',
    '2026-11-21T15:00:00.000Z',
    'no zone: the configured zone',
  ],
  ['Access resets at 10:57 PM GMT-3.', 'UTC', '2026-11-22T01:57:00.000Z', 'Gemini fixed offset, normal sign'],
  ['Access resets at 10:57 PM UTC+5:30.', 'UTC', '2026-11-21T17:27:00.000Z', 'fixed offset with minutes'],
  ['resets 9pm PST', 'UTC', '2026-11-21T05:00:00.000Z', 'abbreviation'],
  [
    'Weekly limit reached · resets Dec 2, 7pm (Europe/Moscow)',
    'UTC',
    '2026-12-02T16:00:00.000Z',
    'date without a year',
  ],
  [
    "You've hit your weekly limit · resets Jul 27 at 4:30am (Asia/Calcutta)",
    'UTC',
    '2027-07-26T23:00:00.000Z',
    'a past date means next year',
  ],
  [
    "You've hit your limit · resets Nov 20, 11pm (UTC)",
    'UTC',
    '2026-11-20T23:00:00.000Z',
    'a date just passed stays (stale message)',
  ],
  [
    'try again at Sep 26th, 2026 1:20 AM.',
    'UTC',
    '2026-09-26T01:20:00.000Z',
    'Codex absolute, ordinal day, year',
  ],
  ['or try again at 3:31 PM.', 'America/New_York', '2026-11-21T20:31:00.000Z', 'Codex clock, local zone'],
  [
    'Upgrade to Pro or try again in 4 days 6 hours 37 minutes.',
    'UTC',
    '2026-11-25T08:37:00.000Z',
    'Codex relative',
  ],
  [
    '[API Error: Your quota will reset after 12h22m45s.]',
    'UTC',
    '2026-11-21T14:22:45.000Z',
    'compact relative',
  ],
  [
    'Please try again in 2 hours. Please review our Terms',
    'UTC',
    '2026-11-21T04:00:00.000Z',
    'Copilot relative',
  ],
  ['limit reached, resets in 2h 15m', 'UTC', '2026-11-21T04:15:00.000Z', 'short units'],
  ['Claude AI usage limit reached|1762952400', 'UTC', '2025-11-12T13:00:00.000Z', 'epoch seconds'],
  ['Claude AI usage limit reached|1762952400000', 'UTC', '2025-11-12T13:00:00.000Z', 'epoch milliseconds'],
  ['limit resets 2026-11-22T04:00:00Z', 'Europe/Berlin', '2026-11-22T04:00:00.000Z', 'ISO instant'],
  [
    'limit resets 2026-11-22 04:00',
    'Europe/Berlin',
    '2026-11-22T03:00:00.000Z',
    'ISO wall time, configured zone',
  ],
  ["You've hit your usage limit. Try again later.", 'UTC', undefined, 'no time given'],
  ['resets soon', 'UTC', undefined, 'no time given'],
  ['resets 5', 'UTC', undefined, 'a bare number is not a time'],
  // weekdays, named days and the day before the month (now is Saturday 2026-11-21 02:00 UTC)
  ['Weekly limit reached · resets Monday 9am (UTC)', 'UTC', '2026-11-23T09:00:00.000Z', 'a weekday'],
  [
    'resets on Wed at 14:00 (Asia/Tokyo)',
    'UTC',
    '2026-11-25T05:00:00.000Z',
    'a short weekday, 24-hour clock',
  ],
  ['resets Saturday 3am', 'UTC', '2026-11-21T03:00:00.000Z', 'today, still ahead'],
  ['resets Saturday 1am', 'UTC', '2026-11-28T01:00:00.000Z', 'today, already past: next week'],
  [
    'resets Sat 10am',
    'Asia/Tokyo',
    '2026-11-28T01:00:00.000Z',
    "the weekday in the pane's zone (Tokyo is on Saturday 11am)",
  ],
  [
    'resets Tue, Nov 24 at 10am (America/New_York)',
    'UTC',
    '2026-11-24T15:00:00.000Z',
    'a weekday before a date',
  ],
  ['resets tomorrow at 9:30am (UTC)', 'UTC', '2026-11-22T09:30:00.000Z', 'tomorrow'],
  ['available again today at 17:00', 'Europe/Berlin', '2026-11-21T16:00:00.000Z', 'today, configured zone'],
  ['resets 24 Nov, 9am (UTC)', 'UTC', '2026-11-24T09:00:00.000Z', 'the day before the month'],
  ['resets on 2nd December 2026 at 14:00 UTC', 'UTC', '2026-12-02T14:00:00.000Z', 'day, month, year'],
];

describe('parseResetTime', () => {
  it.each(cases)('%s (zone %s) → %s: %s', (text, timezone, want) => {
    expect(parseResetTime(text, { now, timezone })?.toISOString()).toBe(want);
  });

  it('uses the machine zone (TZ) when no zone is configured', () => {
    const machine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(parseResetTime('resets 5am', { now })?.getTime()).toBe(
      parseResetTime('resets 5am', { now, timezone: machine })?.getTime(),
    );
  });

  it('reads the last reset time when a message is repeated', () => {
    expect(
      parseResetTime('resets 3am (UTC) … later … resets 4am (UTC)', { now, timezone: 'UTC' })?.toISOString(),
    ).toBe('2026-11-21T04:00:00.000Z');
  });

  it('handles a summer-time change between now and the reset', () => {
    // 2026-03-29 01:00 UTC Berlin switches to UTC+2; the day before, 3am is 02:00 UTC; the day after it is 01:00 UTC
    const before = new Date('2026-03-28T12:00:00Z');
    expect(parseResetTime('resets 3am (Europe/Berlin)', { now: before })?.toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });
});
