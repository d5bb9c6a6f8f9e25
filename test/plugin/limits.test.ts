// ctx.limit and ctx.once (spent only when the hook acts, a full window journaled once and listed in the report), and
// findings no rescue claimed offered again when the agent's state changes. Real tick, host and actuator (PaneTester).
import { describe, expect, it } from 'vitest';
import { definePlugin, type NewFinding } from '../../core/index.js';
import type { JournalEvent } from '../../core/journal/events.js';
import { PaneTester, drawnBy, screen } from '../../core/testing/index.js';
import { refusals } from '../../reports/model/rescues.js';

const MIN = 60_000;
const box = screen`
  ⏺ Done with task 3.
  ╭────────────────────────────╮
  │ > ▮                        │
  ╰────────────────────────────╯`;
const busy = screen`
  ⏺ Bash(npm test)
    ⎿  Error: connect ECONNRESET 10.0.0.7:443
  ✻ Working… (12s · esc to interrupt)`;

/** A check that reports an error finding with `summary(look)` on every look (undefined: none). */
function reporting(summary: (look: number) => string | undefined) {
  let look = 0;
  return definePlugin({
    name: 'reporter',
    check(): NewFinding | undefined {
      const s = summary(look++);
      return s === undefined
        ? undefined
        : { kind: 'error', summary: s, data: { line: s, context: [], pattern: 'x', fatal: false } };
    },
  });
}

const notes = (journal: readonly JournalEvent[]) =>
  journal.flatMap((e) => (e.type === 'note' ? [`${e.t.slice(11, 16)} ${e.text}`] : []));

describe('ctx.limit', () => {
  it('allows max uses per rolling window, journals the full window once, and has room again later', async () => {
    const rescue = definePlugin({
      name: 'retry',
      rescue(_f, ctx) {
        if (!ctx.limit({ max: 2, per: '1h' })) return 'pass';
        ctx.act.note('retry');
        return 'handled';
      },
    });
    const r = await PaneTester.runCase(
      rescue,
      { name: 'limit', screens: [box], ticks: 8, tickMs: 10 * MIN, expect: {} },
      [reporting(() => 'boom')],
    );
    expect(notes(r.journal)).toEqual(['01:00 retry', '01:10 retry', '02:00 retry', '02:10 retry']);
    const limited = r.journal.filter((e) => e.type === 'limited');
    expect(limited).toMatchObject([
      { plugin: 'retry', key: 'default', max: 2, perMs: 60 * MIN, until: '2026-11-21T02:00:00.000Z' },
    ]);
    expect(refusals(r.journal, (t) => t)).toMatchObject([
      { plugin: 'retry', why: 'limit', reason: /"default" \(2 per 1h\) is used up until/ },
    ]);
  });

  it('a use is spent only when the rescue returns handled', async () => {
    const rescue = definePlugin<unknown, { calls: number }>({
      name: 'retry',
      rescue(_f, ctx) {
        const calls = (ctx.agentState.get()?.calls ?? 0) + 1;
        ctx.agentState.set({ calls });
        if (!ctx.limit({ max: 1, per: 3_600_000, key: 'network' })) return 'pass';
        if (calls < 3) return 'pass'; // asked, but did nothing: nothing spent
        ctx.act.note(`acted on call ${calls}`);
        return 'handled';
      },
    });
    const r = await PaneTester.runCase(rescue, { name: 'spend', screens: [box], ticks: 5, expect: {} }, [
      reporting(() => 'boom'),
    ]);
    expect(notes(r.journal).map((n) => n.slice(6))).toEqual(['acted on call 3']);
  });

  it('a malformed limit is the plugin’s failure, with a message that says what to write', async () => {
    const rescue = definePlugin({
      name: 'retry',
      rescue(_f, ctx) {
        return ctx.limit({ max: 3, per: 'an hour' }) ? 'handled' : 'pass';
      },
    });
    const r = await PaneTester.runCase(rescue, { name: 'bad', screens: [box], expect: {} }, [
      reporting(() => 'boom'),
    ]);
    expect(r.journal.find((e) => e.type === 'plugin-failure')).toMatchObject({
      code: 'PLUGIN_THREW',
      message: /per must be a duration like "1h"/,
    });
  });
});

describe('ctx.once', () => {
  it('is true once per value, and persists across ticks', async () => {
    const summaries = ['a', 'a', 'b', 'a', 'b', 'c'];
    const rescue = definePlugin({
      name: 'remind',
      rescue(f, ctx) {
        if (!ctx.once(f.summary)) return 'pass';
        ctx.act.note(`about ${f.summary}`);
        return 'handled';
      },
    });
    const r = await PaneTester.runCase(
      rescue,
      { name: 'once', screens: [box], ticks: summaries.length, expect: {} },
      [reporting((i) => summaries[i])],
    );
    expect(notes(r.journal).map((n) => n.slice(6))).toEqual(['about a', 'about b', 'about c']);
  });
});

describe('findings offered again', () => {
  it('a finding nobody claimed while the agent was busy is offered again when it is back at its input', async () => {
    const rescue = definePlugin({
      name: 'retry',
      handles: ['error'],
      rescue(f, ctx) {
        if (ctx.classification.state !== 'input') return 'pass';
        ctx.act.note(`${f.summary} (replayed: ${f.replayed === true})`);
        return 'handled';
      },
    });
    const r = await PaneTester.runCase(
      rescue,
      {
        name: 'replay',
        agent: { profile: 'claude-code' },
        screens: [busy, drawnBy('look', box)],
        ticks: 4,
        expect: {},
      },
      [reporting((i) => (i === 0 ? 'ECONNRESET' : undefined))],
    );
    expect(notes(r.journal).map((n) => n.slice(6))).toEqual(['ECONNRESET (replayed: true)']);
  });

  it('a finding that is claimed is not offered again', async () => {
    let calls = 0;
    const rescue = definePlugin({
      name: 'retry',
      rescue() {
        calls++;
        return 'handled';
      },
    });
    await PaneTester.runCase(
      rescue,
      {
        name: 'claimed',
        agent: { profile: 'claude-code' },
        screens: [busy, drawnBy('look', box)],
        ticks: 3,
        expect: {},
      },
      [reporting((i) => (i === 0 ? 'ECONNRESET' : undefined))],
    );
    expect(calls).toBe(1);
  });
});
