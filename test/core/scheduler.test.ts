import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { Scheduler, nextNight, nightEnd, nightInProgress } from '../../core/night/scheduler.js';
import { silentLog, testConfig } from '../helpers/fixtures.js';

const berlin = (night: Record<string, unknown>) => testConfig({ timezone: 'Europe/Berlin', night });

describe('night windows', () => {
  it('a night started at 23:00 Berlin lasting 7h is in progress at 03:00 and over at 07:00', () => {
    const config = berlin({ start: '0 23 * * *', duration: '7h' });
    expect(nightInProgress(config, new Date('2026-11-21T02:00:00Z'))).toEqual({
      start: new Date('2026-11-20T22:00:00Z'),
      end: new Date('2026-11-21T05:00:00Z'),
    });
    expect(nightInProgress(config, new Date('2026-11-21T06:00:00Z'))).toBeUndefined();
  });

  it('a night can end at a cron instead of after a duration', () => {
    const config = berlin({ start: '0 23 * * *', end: '30 6 * * *' });
    expect(nightEnd(config, new Date('2026-11-20T22:00:00Z'))).toEqual(new Date('2026-11-21T05:30:00Z'));
  });

  it('the next night honours weekdays in the configured zone', () => {
    const config = berlin({ start: '0 23 * * 1-5', duration: '7h' });
    // Saturday 21 Nov 2026 → the next weeknight start is Monday 23 Nov, 23:00 Berlin
    expect(nextNight(config, new Date('2026-11-21T12:00:00Z'))?.start).toEqual(
      new Date('2026-11-23T22:00:00Z'),
    );
  });
});

describe('clock changes', () => {
  it.each([
    ['the autumn transition (02:30 happens twice)', '2026-10-24T12:00:00Z'],
    ['the spring transition (02:30 does not exist)', '2026-03-28T12:00:00Z'],
  ])('a 02:30 night fires once per day across %s', (_, from) => {
    const runs = new Cron('30 2 * * *', { timezone: 'Europe/Berlin', paused: true }).nextRuns(
      3,
      new Date(from),
    );
    const days = runs.map((d) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(d));
    expect(new Set(days).size).toBe(runs.length);
    expect(runs).toHaveLength(3);
  });

  it('a night over a DST change lasts its duration in real time', () => {
    const config = berlin({ start: '0 23 * * *', duration: '8h' });
    const start = new Date('2026-10-24T21:00:00Z'); // 23:00 CEST
    expect(nightEnd(config, start).getTime() - start.getTime()).toBe(8 * 3_600_000);
  });
});

describe('Scheduler', () => {
  it('never runs the same night twice, even when asked again (a clock jump back, a re-fire)', async () => {
    const config = berlin({ start: '0 23 * * *', duration: '7h' });
    const started: string[] = [];
    let finish: () => void = () => undefined;
    const scheduler = new Scheduler({
      config,
      log: silentLog,
      now: () => new Date('2026-11-21T02:00:00Z'),
      runNight: (w) => {
        started.push(w.start.toISOString());
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    scheduler.start(); // a night is in progress at 03:00 Berlin: it is resumed
    const window = { start: new Date('2026-11-20T22:00:00Z'), end: new Date('2026-11-21T05:00:00Z') };
    scheduler.launch(window); // the night job fires again for the same start while it runs
    finish();
    await new Promise((r) => setTimeout(r, 10));
    scheduler.launch(window); // and once more after it finished (the clock jumped back over 23:00)
    await scheduler.stop();
    expect(started).toEqual(['2026-11-20T22:00:00.000Z']);
  });
});
