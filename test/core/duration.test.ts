import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../core/duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['10m', 600_000],
    ['7h', 25_200_000],
    ['1h30m', 5_400_000],
    ['1h 30m', 5_400_000],
    ['250ms', 250],
    ['1.5s', 1500],
    ['2d', 172_800_000],
    [' 5m ', 300_000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '10', 'm', 'ten minutes', '5x', '-5m', '5m x'])('%j is not a duration', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});

describe('formatDuration', () => {
  it.each([
    [450, '450ms'],
    [45_000, '45s'],
    [12 * 60_000, '12m'],
    [2 * 3_600_000 + 5 * 60_000, '2h 05m'],
  ])('%d ms reads %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
