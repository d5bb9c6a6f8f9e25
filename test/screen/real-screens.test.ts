// Screens captured from the real Claude Code 2.1.197, Codex 0.171.0 and Gemini CLI 0.61.0 on the agent bench (scripted
// model APIs on 127.0.0.1), judged with the real guard: every state right, safe dialogs approved with the right keys,
// nothing else approved, every reset time right.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createGuard } from '../../core/guard/create-guard.js';
import { classify } from '../../core/screen/classify.js';
import { decide } from '../../core/screen/decide.js';
import { snapshotFromText } from '../../core/screen/text-snapshot.js';
import { loadCorpus } from './corpus.js';

const real = (agent: string) =>
  loadCorpus(fileURLToPath(new URL(`../fixtures/screens/real/${agent}`, import.meta.url)));
const NOW = new Date('2026-11-21T02:00:00Z');
const screens = real('claude-code');
// a generous time budget: the machine running the tests may be loaded (the verdicts do not depend on it)
const guard = createGuard({ limits: { maxMillis: 10_000 } });
const opts = { now: NOW, timezone: 'UTC' };
const flat = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The shared scorer's rules for one captured screen, read with `profile` as a night configures it (or detected). */
function judged(s: ReturnType<typeof loadCorpus>[number], profile?: string) {
  const snapshot = snapshotFromText(s.text, s.state, { at: NOW });
  const c = classify(snapshot, { ...opts, ...(profile && { profile }) });
  expect(c.state).toBe(s.expected);
  const d = decide(c, snapshot, guard);
  const side = s.sidecar;
  const safe = s.expected === 'confirm' && side?.dangerous === false;
  if (safe)
    expect({ decision: d.decision, keys: d.keys }).toEqual({ decision: 'approve', keys: side.tmux_keys });
  else expect(d.decision).not.toBe('approve');
  // the command as typed is one of the readings the guard judged; a dialog whose rows are cut off (Gemini folds
  // them: `... 2 hidden (Ctrl+O) ...`) has no reading and is held
  if (side?.command_kind === 'shell' && side.command) {
    if (c.dialog?.command)
      expect([c.dialog.command, ...(c.dialog.variants ?? [])].map(flat)).toContain(flat(side.command));
    else expect(d.decision).toBe('escalate');
  }
  if (s.expected === 'limit' && side?.reset_time) expect(c.resetAt).toBeDefined();
  if (s.expected === 'question') expect(d.decision).toBe('escalate');
}

// Claude Code's screens are read with the profile detected; Codex's and Gemini's as the bench configures them
describe.each([
  ['Claude Code', screens, 30, undefined],
  ['Codex', real('codex'), 30, 'codex'],
  ['Gemini CLI', real('gemini'), 28, 'gemini'],
])('real %s screens', (_agent, captured, count, profile) => {
  it('are all there', () => {
    expect(captured.length).toBeGreaterThanOrEqual(count);
  });

  it.each(captured.map((s) => [s.name, s] as const))('%s', (_name, s) => judged(s, profile));
});

describe('real Claude Code reset times', () => {
  it.each([
    ['limit__claude-code__1', '2026-11-21T02:33:00.000Z'], // session limit, resets 9:33pm (America/New_York)
    ['limit__claude-code__2', '2026-12-11T01:35:00.000Z'], // weekly, resets Dec 11, 10:35am (Asia/Tokyo)
    ['limit__claude-code__5', '2026-12-10T05:00:00.000Z'], // weekly, resets Dec 10, 12am (America/New_York)
  ])('%s resets at %s, with the options menu open', (name, at) => {
    const s = screens.find((x) => x.name === name)!;
    const snapshot = snapshotFromText(s.text, s.state, { at: NOW });
    expect(decide(classify(snapshot, opts), snapshot, guard)).toMatchObject({
      decision: 'wait',
      keys: null,
      resetAt: new Date(at),
    });
  });
});
