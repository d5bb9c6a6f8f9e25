import { describe, expect, it } from 'vitest';
import { classify } from '../../core/screen/classify.js';
import { contractState } from '../../core/screen/contract-state.js';
import { decide } from '../../core/screen/decide.js';
import { snapshotFromText } from '../../core/screen/text-snapshot.js';
import { loadCorpus, type Sidecar } from './corpus.js';
import { allowAll, blocking, denyAll } from './guards.js';

const NOW = new Date('2026-11-21T02:00:00Z');
const screens = loadCorpus();
const opts = { now: NOW, timezone: 'UTC' };

describe.skipIf(screens.length === 0)('the screen corpus', () => {
  it.each(screens.map((s) => [s.name, s] as const))('%s: state', (_name, s) => {
    const c = classify(snapshotFromText(s.text, s.state, { at: NOW }), opts);
    expect(contractState(c.state)).toBe(s.expected);
  });

  const confirms = screens.filter((s) => s.expected === 'confirm');
  it.each(confirms.map((s) => [s.name, s] as const))('%s: approval keys and command', (_name, s) => {
    const side = s.sidecar!;
    const snapshot = snapshotFromText(s.text, s.state, { at: NOW });
    const c = classify(snapshot, opts);
    expect(c.dialog?.approve).toEqual(side.tmux_keys);
    if (side.command_kind === 'shell') expect(c.dialog?.command?.replace(/\s+/g, ' ')).toBe(side.command);
    // a guard that refuses exactly the dangerous ones: safe confirmations are approved with the keys, the rest escalated
    const guard = side.dangerous ? blocking(/./) : allowAll;
    const d = decide(c, snapshot, guard);
    if (side.dangerous && side.command_kind === 'shell') expect(d.decision).toBe('escalate');
    if (!side.dangerous)
      expect({ decision: d.decision, keys: d.keys }).toEqual({ decision: 'approve', keys: side.tmux_keys });
  });

  it.each(screens.map((s) => [s.name, s] as const))(
    '%s: nothing shell-bound is approved by a guard that allows nothing',
    (_name, s) => {
      const snapshot = snapshotFromText(s.text, s.state, { at: NOW });
      const c = classify(snapshot, opts);
      const d = decide(c, snapshot, denyAll);
      if (s.expected !== 'confirm' || c.dialog?.commandKind === 'shell')
        expect(d.decision).not.toBe('approve');
    },
  );

  const limits = screens.filter((s) => s.expected === 'limit');
  it.each(limits.map((s) => [s.name, s] as const))('%s: reset time', (_name, s) => {
    const c = classify(snapshotFromText(s.text, s.state, { at: NOW }), opts);
    const want = expectedReset(s.sidecar!, NOW.getTime());
    expect(c.resetAt?.toISOString()).toBe(want === null ? undefined : new Date(want).toISOString());
  });

  it('without tmux state no line prompt is approved (the cursor decides whether it is live)', () => {
    for (const s of confirms) {
      const snapshot = snapshotFromText(s.text, {}, { at: NOW });
      const c = classify(snapshot, opts);
      if (c.dialog?.lineMode) expect(decide(c, snapshot, allowAll).decision, s.name).not.toBe('approve');
    }
  });

  it('copy mode means hands off', () => {
    for (const s of confirms) {
      const snapshot = snapshotFromText(s.text, { ...s.state, pane_in_mode: 1 }, { at: NOW });
      expect(decide(classify(snapshot, opts), snapshot, allowAll).decision, s.name).toBe('none');
    }
  });
});

/** The instant a limit sidecar describes, computed independently with Intl (as the scorer does). */
function expectedReset(s: Sidecar, now: number): number | null {
  if (s.reset_kind === 'epoch') return s.reset_epoch! * 1000;
  if (s.reset_kind === 'relative') return now + s.reset_in_seconds! * 1000;
  if (!s.reset_time) return null;
  const [h, mi] = s.reset_time.split(':').map(Number) as [number, number];
  const tz = s.reset_tz ?? 'UTC';
  const local = new Date(now + offset(tz, now));
  if (s.reset_kind === 'clock') {
    let t = wall(tz, local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), h, mi);
    if (t <= now) t = wall(tz, local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1, h, mi);
    return t;
  }
  const [mo, d] = s.reset_month_day!.split('-').map(Number) as [number, number];
  const y = s.reset_year ?? local.getUTCFullYear();
  let t = wall(tz, y, mo - 1, d, h, mi);
  if (!s.reset_year && t < now - 86_400_000) t = wall(tz, y + 1, mo - 1, d, h, mi);
  return t;
}

function offset(tz: string, at: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  );
  return (
    Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) -
    Math.floor(at / 1000) * 1000
  );
}

function wall(tz: string, y: number, mo: number, d: number, h: number, mi: number): number {
  const guess = Date.UTC(y, mo, d, h, mi);
  return guess - offset(tz, guess - offset(tz, guess));
}
