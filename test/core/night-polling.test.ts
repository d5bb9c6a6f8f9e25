// Adaptive polling in the night loop: agents waiting for a reset or given up are looked at rarely, a waiting agent
// is looked at again exactly when its wait is over, and a check's request to look again is honoured between ticks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/load.js';
import { createGuard } from '../../core/guard/index.js';
import { readJournal } from '../../core/journal/journal.js';
import { runNight } from '../../core/night/night.js';
import { planNight } from '../../core/night/night-plan.js';
import type { LoadedPlugin } from '../../core/plugin/loader.js';
import type { Plugin, RescueResult } from '../../core/plugin/types.js';
import { classify } from '../../core/screen/index.js';
import { silentLog } from '../helpers/fixtures.js';
import { CountingTmux } from './helpers/counting-tmux.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Agents by what the `scripted` plugin does to them on their first look. */
type Role = 'worker' | 'sleeper' | 'quitter' | 'asker';

/** A night of `ms` with one agent per role (created in this order: pane %1, %2, …), the given watch interval. */
async function night(roles: readonly Role[], o: { ms: number; interval: string; sleepMs?: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'ns-polling-'));
  dirs.push(dir);
  const loaded = resolveConfig(
    {
      timezone: 'UTC',
      stateDir: join(dir, 'state'),
      watch: { interval: o.interval },
      agents: roles.map((role, i) => ({ name: `${role}-${i}`, command: 'node agent.mjs' })),
    },
    { cwd: dir, env: {} },
  );
  const { config } = loaded;
  const seen: { agent: string; kind: string }[] = [];
  const looks = new Map<string, number>();
  const scripted: Plugin<unknown, unknown> = {
    name: 'scripted',
    check(_snapshot, ctx) {
      looks.set(ctx.agent.name, (looks.get(ctx.agent.name) ?? 0) + 1);
      const role = ctx.agent.name.split('-')[0] as Role;
      if (role === 'asker' && (looks.get(ctx.agent.name) ?? 0) === 1) ctx.lookAgain(10);
      if (ctx.status.waitingUntil || ctx.status.givenUp || role === 'worker' || role === 'asker') return;
      return { kind: 'input', summary: 'first look', data: { question: null, idleMs: 0 } };
    },
    async rescue(finding, ctx): Promise<RescueResult> {
      seen.push({ agent: ctx.agent.name, kind: finding.kind });
      if (finding.kind === 'wait-over') return 'handled';
      if (ctx.agent.name.startsWith('sleeper'))
        await ctx.act.waitUntil(new Date(ctx.now().getTime() + (o.sleepMs ?? 3_600_000)), 'test wait');
      if (ctx.agent.name.startsWith('quitter')) await ctx.act.giveUp('test give-up');
      return 'handled';
    },
  };
  const tmux = new CountingTmux();
  const start = new Date();
  const result = await runNight({
    loaded,
    plugins: [{ plugin: scripted, options: {}, from: 'inline' } satisfies LoadedPlugin],
    tmux,
    guard: createGuard(),
    classify: (s, a, previous) =>
      classify(s, { profile: a.profile, profiles: config.profiles, timezone: 'UTC', now: s.at, previous }),
    log: silentLog,
    plan: planNight(config.stateDir, 'UTC', start, new Date(start.getTime() + o.ms)),
    signal: new AbortController().signal,
  });
  const captures = (n: number) => tmux.captures.get(tmux.pane(n)) ?? 0;
  return { result, captures, seen, looks, events: readJournal(result.journalFile).events };
}

describe('adaptive polling in the night loop', () => {
  it('looks at an agent waiting for a reset, or given up, once per RARE_LOOK_MS, and at the others every tick', async () => {
    const { captures, looks, events } = await night(['worker', 'sleeper', 'quitter'], {
      ms: 1500,
      interval: '100ms',
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'wait', agent: 'sleeper-1' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'agent-given-up', agent: 'quitter-2' }));
    expect(looks.get('worker-0')).toBeGreaterThan(2);
    // its log never grows, but a tick never captures nothing (capture-choice.ts): the only pane due is captured
    expect(captures(1)).toBe(looks.get('worker-0'));
    expect(looks.get('sleeper-1')).toBe(1); // the look that started the wait; the next one is due after 30 s
    expect(captures(2)).toBe(1);
    expect(looks.get('quitter-2')).toBe(1);
    expect(captures(3)).toBe(1);
  });

  it('looks at a waiting agent exactly when its wait is over, not at the next regular tick', async () => {
    // the regular ticks are 10 s apart: only the wake-up look can see the wait end within this 1.5 s night
    const { seen, events } = await night(['sleeper'], { ms: 1500, interval: '10s', sleepMs: 300 });
    expect(seen.map((s) => s.kind)).toEqual(['input', 'wait-over']);
    expect(events.filter((e) => e.type === 'wait')).toHaveLength(1);
  });

  it("honours a check's request to look again before the next regular tick", async () => {
    const { looks } = await night(['asker'], { ms: 800, interval: '10s' });
    expect(looks.get('asker-0')).toBe(2);
  });
});
