import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../core/journal/events.js';
import { makeFleet } from '../helpers/fleet.js';
import {
  BUILT_INS,
  at,
  eventsOf,
  fixtureAgent,
  recorded,
  runNight,
  type Recorded,
} from '../rescues-live/helpers.js';

// Soak: a dozen restless agents (examples/agents/cycles.mjs) for about a minute, on one private tmux server. Each
// asks safe permissions (every dialog with a unique id), asks dangerous ones and withdraws them, idles until nudged,
// works, and crashes now and then. Every fixture records what it showed and every key it received, so the test can
// check what reached which pane against the journal. Budgets are set low so they bind.
const AGENTS = Array.from({ length: 12 }, (_, i) => `soak-${String(i + 1).padStart(2, '0')}`);
const PER_AGENT_PER_HOUR = 5;
const FLEET_PER_MINUTE = 30;
const DANGEROUS = new Set(['rm -rf ~/', 'git push --force origin main']);
const OPENS = ['safe', 'dangerous', 'idle', 'crash'] as const;
/** each agent's continue message names it, so a message typed into the wrong pane shows */
const continueOf = (name: string) => `Continue with your task list, ${name}.`;

describe('soak: a dozen agents cycling through prompts, crashes and idleness', () => {
  const fleet = makeFleet(
    // the first step of each agent, in turn: so each kind happens at least three times, however the dice fall after
    AGENTS.map((name, i) =>
      fixtureAgent(name, 'cycles', `--open ${OPENS[i % OPENS.length]}`, { continue: continueOf(name) }),
    ),
    {
      watch: { interval: '1s' },
      actuator: {
        cooldown: '1s',
        enterDelay: '100ms',
        perAgentPerHour: PER_AGENT_PER_HOUR,
        fleetPerMinute: FLEET_PER_MINUTE,
      },
      plugins: BUILT_INS.map((p) => {
        if (p === 'idle') return { name: p, options: { after: '2s' } };
        if (p === 'nudge') return { name: p, options: { after: '2s', max: 3, window: '1m', factor: 1.5 } };
        if (p === 'restart') return { name: p, options: { delay: '1s', max: 3, window: '1m' } };
        if (p === 'dangerous') return { name: p, options: { maxBlocks: 100 } };
        return p;
      }),
    },
  );
  let night: Awaited<ReturnType<typeof runNight>>;
  const records = new Map<string, Recorded[]>();
  beforeAll(async () => {
    night = await runNight(fleet, '65s');
    for (const name of AGENTS) records.set(name, recorded(fleet, name));
  }, 110_000);
  afterAll(() => fleet.cleanup());

  /** dialog id → command, over all of an agent's processes */
  const dialogs = (name: string) =>
    new Map(records.get(name)!.flatMap((r) => (r.event === 'shown' ? [[r.id!, r.command!]] : [])));
  const keys = (name: string) => records.get(name)!.filter((r) => r.event === 'key');

  it('the night ran through, and the fleet did all the things the soak is about', () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    const all = [...records.values()].flat();
    const count = (event: string) => all.filter((r) => r.event === event).length;
    // The mix after each agent's first step is random per process (cycles.mjs seeds by pid), and each agent's 5
    // actions an hour go to answers, messages and restarts alike; the first steps (three agents open with each kind)
    // make these floors hold whatever the dice do. Enough to make the checks below mean something.
    const restarts = eventsOf(night.events, 'agent-restarted').length;
    const mix = `answered ${count('answered')}, withdrawn ${count('withdrawn')}, messages ${count('message')}, restarts ${restarts}`;
    expect(count('answered'), mix).toBeGreaterThanOrEqual(3);
    expect(count('withdrawn'), mix).toBeGreaterThanOrEqual(3);
    expect(count('message'), mix).toBeGreaterThanOrEqual(3);
    expect(restarts, mix).toBeGreaterThanOrEqual(3);
    // the budgets did bind, so the budget checks below are not vacuous
    expect(eventsOf(night.events, 'refusal').filter((r) => r.why === 'budget').length).toBeGreaterThan(0);
  });

  it('no duplicate answers: each dialog instance got at most one key, and only safe ones were answered', () => {
    for (const name of AGENTS) {
      const byId = dialogs(name);
      const perDialog = new Map<string, number>();
      for (const k of keys(name).filter((k) => k.showing?.startsWith('dialog:'))) {
        const id = k.showing!.slice('dialog:'.length);
        perDialog.set(id, (perDialog.get(id) ?? 0) + 1);
        expect(DANGEROUS.has(byId.get(id)!), `${name}: a key reached dangerous dialog ${id}`).toBe(false);
        expect(k.key, `${name}: dialog ${id}`).toBe('Enter');
      }
      for (const [id, n] of perDialog) expect(n, `${name}: keys for dialog ${id}`).toBe(1);
      const answered = records.get(name)!.filter((r) => r.event === 'answered');
      expect(answered.every((r) => r.choice === 'Yes' && !DANGEROUS.has(r.command!))).toBe(true);
      expect(new Set(answered.map((r) => r.id)).size).toBe(answered.length);
    }
  });

  it('no keystroke to a wrong pane: every key fits what that pane showed, every message is its own', () => {
    for (const name of AGENTS) {
      const stray = keys(name).filter((k) => !(k.showing === 'input' || k.showing?.startsWith('dialog:')));
      expect(stray, `${name}: keys while it was not asking for any`).toEqual([]);
      const messages = records.get(name)!.filter((r) => r.event === 'message');
      expect(messages.map((m) => m.text)).toEqual(messages.map(() => continueOf(name)));
    }
  });

  it('every keystroke a pane received is journaled, and every journaled send reached its pane', () => {
    for (const name of AGENTS) {
      const actions = eventsOf(night.events, 'action', name).filter((a) => !a.dryRun);
      const answers = actions.filter((a) => a.action === 'answer');
      const typed = actions.filter((a) => a.action === 'type');
      const own = records.get(name)!;
      expect(own.filter((r) => r.event === 'answered').length, `${name}: answers`).toBe(answers.length);
      expect(own.filter((r) => r.event === 'message').length, `${name}: messages`).toBe(typed.length);
      expect(actions.filter((a) => a.action !== 'answer' && a.action !== 'type')).toEqual([]);
      const restarts = eventsOf(night.events, 'agent-restarted', name);
      expect(own.filter((r) => r.event === 'start' && r.resumed).length, `${name}: restarts`).toBe(
        restarts.length,
      );
    }
  });

  it('budgets respected: per agent per hour, and fleet-wide in every sliding minute', () => {
    // everything that spends budget: sends (answers, typed messages) and restarts
    const spent = (e: JournalEvent) => (e.type === 'action' && !e.dryRun) || e.type === 'agent-restarted';
    const spends = night.events.filter(spent);
    for (const name of AGENTS) {
      const own = spends.filter((e) => 'agent' in e && e.agent === name);
      expect(own.length, `${name}: actions in the night (< 1 h)`).toBeLessThanOrEqual(PER_AGENT_PER_HOUR);
    }
    // The actuator counts an action when it decides to send; the journal stamps it after sending and verifying
    // (up to ~2.2 s later). Windows 3 s shorter than a minute keep that skew from counting one action twice.
    for (const e of spends) {
      const window = spends.filter((x) => at(x) > at(e) - 57_000 && at(x) <= at(e));
      expect(window.length, `actions in the minute up to ${e.t}`).toBeLessThanOrEqual(FLEET_PER_MINUTE);
    }
  });
});
