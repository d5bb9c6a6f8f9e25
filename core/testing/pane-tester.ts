// PaneTester: table-driven tests for plugins without tmux (ESLint's RuleTester for nightshift).
// Each case runs the real tick, the real actuator rules, the real guard and the real screen
// classifier against a scripted pane, on a fake clock.
//
// The clock: it starts at `now` and moves only when something waits. Each tick moves it by `tickMs`; every wait
// inside the actuator moves it too (the profile's `settle` before typing, `enterGap` before Enter, the short waits
// while verifying a send), so `ctx.now()` after a `type` is later than before it (300-800 ms for the built-in
// profiles). Screens: a key name (Enter, Escape…) is one batch that advances to the next screen on the next look;
// typed text is echoed into the current screen and advances nothing, so typing then pressing Enter is two batches
// (text, then Enter) and moves one screen on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { resolveConfig } from '../../config/load.js';
import { newAgentRuntime } from '../watch/agent-runtime.js';
import { createGuard } from '../guard/index.js';
import type { EscalationKind, JournalEvent, NewJournalEvent } from '../journal/events.js';
import { validateOptions, type LoadedPlugin } from '../plugin/loader.js';
import { PluginStateStore } from '../plugin/state.js';
import type { AnyPlugin, Finding, NewFinding } from '../plugin/types.js';
import { classify } from '../screen/index.js';
import { screenOf } from '../watch/screen-of.js';
import { toSnapshot } from '../screen/snapshot.js';
import { tick } from '../watch/tick.js';
import { createWatch } from '../watch/watch.js';
import { FakeTmux, type Sent } from './fake-tmux.js';
import { assertMatches } from './match.js';
import type { Screen } from './screen.js';

/** One case: scripted screens in; findings, keystrokes, refusals and escalations out. */
export interface PaneCase {
  readonly name: string;
  /** run only this case (like `it.only`) */
  readonly only?: boolean;
  /** the plugin's options as a user would write them (validated by its schema, defaults applied) */
  readonly options?: Record<string, unknown>;
  /** screens in order; each batch of keystrokes advances to the next one; the last stays */
  readonly screens: readonly (Screen | string)[];
  /** hand this finding to the plugin's `rescue` instead of running checks */
  readonly finding?: NewFinding;
  /** how many watch ticks to run (default 1) */
  readonly ticks?: number;
  /** fake time between ticks in ms (default: the config's watch interval, 2000); waits inside the actuator add to it */
  readonly tickMs?: number;
  /** when the first tick happens (ISO; default 2026-11-21T01:00:00Z) */
  readonly now?: string;
  /** the plugin's per-agent state before the first tick (as a previous tick would have left it) */
  readonly state?: unknown;
  /** overrides for the agent under test (name, command, resume, profile, task…) */
  readonly agent?: Record<string, unknown>;
  /** overrides for the config (actuator budgets, guard, profiles…) */
  readonly config?: Record<string, unknown>;
  readonly expect: PaneExpect;
}

/**
 * What a case expects. Only the keys given are checked. Values are compared deeply; an asymmetric matcher from your
 * test runner (`expect.any(Number)`, `expect.stringMatching(/…/)`, `expect.objectContaining({…})`) may stand anywhere.
 */
export interface PaneExpect {
  /** kinds of the findings the plugin's own `check` reported, in order, over all ticks */
  readonly findings?: readonly string[];
  /** every keystroke sent, flattened: literal text as is, key names (`Enter`), restarts as `restart: <command>` */
  readonly sent?: readonly string[];
  /** refusals by the actuator, each matched against `why: reason (rule)` */
  readonly refused?: readonly (string | RegExp)[];
  /** escalation kinds, in order */
  readonly escalated?: readonly EscalationKind[];
  /** the plugin's per-agent state after the last tick */
  readonly state?: unknown;
  /** a hook of the plugin failed with this code */
  readonly failure?: 'PLUGIN_THREW' | 'PLUGIN_TIMEOUT' | 'PLUGIN_BAD_RESULT';
}

/** What running a case produced (returned by `PaneTester.runCase` for custom assertions). */
export interface PaneResult {
  readonly findings: readonly Finding[];
  readonly sent: readonly string[];
  readonly refused: readonly string[];
  readonly escalated: readonly EscalationKind[];
  readonly state: unknown;
  readonly failures: readonly string[];
  /** each failure of the plugin's hooks: `hook: code: message` */
  readonly failureMessages: readonly string[];
  readonly journal: readonly JournalEvent[];
}

type Registrar = (name: string, fn: () => void | Promise<void>) => void;
const EXPECT_KEYS = new Set(['findings', 'sent', 'refused', 'escalated', 'state', 'failure']);

/** Runs tables of cases against a plugin under any test runner (vitest, node:test, jest). */
export class PaneTester {
  readonly #describe: Registrar;
  readonly #it: Registrar;
  readonly #checks: readonly AnyPlugin[];

  /** `checks` run before the plugin under test, so a rescue sees the findings a real night would give it. */
  constructor(options: { describe: Registrar; it: Registrar; checks?: readonly AnyPlugin[] }) {
    this.#describe = options.describe;
    this.#it = options.it;
    this.#checks = options.checks ?? [];
  }

  /** Registers one test per case, grouped under the plugin's name. */
  run(plugin: AnyPlugin, cases: readonly PaneCase[]): void {
    const names = new Set<string>();
    for (const c of cases) {
      if (names.has(c.name)) throw new Error(`PaneTester: duplicate case name "${c.name}"`);
      names.add(c.name);
      if (!c.screens.length) throw new Error(`PaneTester: case "${c.name}" has no screens`);
      const unknown = Object.keys(c.expect).filter((k) => !EXPECT_KEYS.has(k));
      if (unknown.length)
        throw new Error(`PaneTester: case "${c.name}" expects unknown keys: ${unknown.join(', ')}`);
    }
    const selected = cases.some((c) => c.only) ? cases.filter((c) => c.only) : cases;
    this.#describe(plugin.name, () => {
      for (const c of selected)
        this.#it(c.name, async () => check(await PaneTester.runCase(plugin, c, this.#checks), c));
    });
  }

  /** Runs one case and returns what happened, without asserting. */
  static async runCase(
    plugin: AnyPlugin,
    c: PaneCase,
    checks: readonly AnyPlugin[] = [],
  ): Promise<PaneResult> {
    const dir = mkdtempSync(join(tmpdir(), 'nightshift-panetester-'));
    try {
      return await simulate(plugin, c, checks, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

async function simulate(
  plugin: AnyPlugin,
  c: PaneCase,
  checks: readonly AnyPlugin[],
  dir: string,
): Promise<PaneResult> {
  const { config } = resolveConfig(
    {
      agents: [{ name: 'agent', command: 'agent', cwd: dir, ...c.agent }],
      stateDir: join(dir, 'state'),
      ...c.config,
      actuator: { cooldown: 0, enterDelay: 0, ...(c.config?.actuator as object | undefined) },
    },
    { cwd: dir, env: {} },
  );
  const plugins: LoadedPlugin[] = [];
  for (const p of [...checks.filter((k) => k !== plugin), plugin]) {
    const validated = await validateOptions(p, p === plugin ? c.options : undefined, `${p.name}.options`);
    if (validated.problems.length)
      throw new Error(`PaneTester: ${validated.problems.map((x) => `${x.path}: ${x.message}`).join('; ')}`);
    plugins.push({ plugin: p, options: validated.value, from: 'inline' });
  }
  let clock = Date.parse(c.now ?? '2026-11-21T01:00:00Z');
  const now = () => new Date(clock);
  const journal: JournalEvent[] = [];
  const append = (e: NewJournalEvent) => void journal.push({ t: now().toISOString(), ...e } as JournalEvent);
  const tmux = new FakeTmux(c.screens.map((s) => (typeof s === 'string' ? { text: s } : s)));
  const agent = newAgentRuntime(config.agents[0]!, join(dir, 'agent.log'));
  agent.paneId = '%1';
  const state = new PluginStateStore(config.stateDir, 'test-night');
  if (c.state !== undefined) state.agent(plugin.name, 'agent').set(c.state);
  let extraLook: number | undefined;
  const findings: Finding[] = [];
  const deps = createWatch({
    config,
    plugins,
    tmux,
    guard: createGuard({
      allow: config.guard.allow,
      rules: config.guard.rules,
      buildOutput: config.guard.buildOutput,
    }),
    classify: (s, a, previous) =>
      classify(s, {
        profile: a.profile,
        profiles: config.profiles,
        timezone: config.timezone,
        now: s.at,
        previous,
      }),
    journal: append,
    log: pino({ level: 'silent' }),
    state,
    night: { id: 'test-night', runDir: dir, start: now(), end: new Date(clock + 8 * 3_600_000) },
    now,
    sleep: async (ms) => void (clock += ms),
    signal: new AbortController().signal,
    lookAgain: (_a, ms) => void (extraLook = ms),
  });
  const originalCheck = deps.host.check.bind(deps.host);
  deps.host.check = async (snapshot, view) => {
    const found = await originalCheck(snapshot, view);
    findings.push(...found.filter((f) => f.source === plugin.name));
    return found;
  };
  const tickMs = c.tickMs ?? config.watch.interval;
  if (c.finding) {
    const raw = (await tmux.capture(['%1'])).get('%1')!;
    const snapshot = toSnapshot('agent', raw, now());
    const classification = deps.classify(snapshot, agent);
    agent.last = { snapshot, classification, settled: false };
    const view = {
      agent: agent.config,
      status: agent.status,
      classification,
      previous: undefined,
      lookAgain: () => undefined,
      screen: screenOf(agent, snapshot, undefined, classification, config),
    };
    const finding = {
      severity: 'warn',
      ...c.finding,
      agent: 'agent',
      source: 'test',
      snapshot,
      since: snapshot.at,
    } as Finding;
    await deps.host.rescue(finding, view, (p) => deps.actuator.actionsFor(p, agent));
  } else {
    for (let i = 0; i < (c.ticks ?? 1); i++) {
      await tick([agent], deps);
      const soon = extraLook;
      extraLook = undefined;
      if (soon !== undefined && soon < tickMs) {
        clock += soon;
        await tick([agent], deps);
        clock += tickMs - soon;
      } else clock += tickMs;
      extraLook = undefined;
    }
  }
  state.flush();
  return {
    findings,
    sent: joinText(tmux.sent.flatMap(flatten)),
    refused: journal
      .filter((e) => e.type === 'refusal')
      .map((e) => `${e.why}: ${e.reason}${e.rule ? ` (${e.rule})` : ''}`),
    escalated: journal.filter((e) => e.type === 'escalation').map((e) => e.kind),
    state: state.agent(plugin.name, 'agent').get(),
    failures: journal
      .filter((e) => e.type === 'plugin-failure' && e.plugin === plugin.name)
      .map((e) => (e.type === 'plugin-failure' ? e.code : '')),
    failureMessages: journal.flatMap((e) =>
      e.type === 'plugin-failure' && e.plugin === plugin.name ? [`${e.hook}: ${e.code}: ${e.message}`] : [],
    ),
    journal,
  };
}

/** Text typed in pieces (the actuator types one character first, then checks the screen) reads as one string. */
function joinText(sent: readonly (string | { key: string })[]): string[] {
  const out: string[] = [];
  let text: string | undefined;
  for (const s of sent) {
    if (typeof s === 'string') text = (text ?? '') + s;
    else {
      if (text !== undefined) out.push(text);
      text = undefined;
      out.push(s.key);
    }
  }
  if (text !== undefined) out.push(text);
  return out;
}

function flatten(s: Sent): (string | { key: string })[] {
  if ('text' in s) return [s.text];
  if ('keys' in s) return s.keys.map((key) => ({ key }));
  return [{ key: `restart: ${s.start}` }];
}

/** Asserts what a case expects, with a message that shows what happened. */
function check(result: PaneResult, c: PaneCase): void {
  const e = c.expect;
  const context = `\n  sent: ${JSON.stringify(result.sent)}\n  refused: ${JSON.stringify(result.refused)}\n  escalated: ${JSON.stringify(result.escalated)}\n  findings: ${JSON.stringify(result.findings.map((f) => f.kind))}`;
  if (e.findings)
    assertMatches(
      result.findings.map((f) => f.kind),
      [...e.findings],
      `findings differ${context}`,
    );
  if (e.sent) assertMatches(result.sent, [...e.sent], `keystrokes differ${context}`);
  if (e.escalated) assertMatches(result.escalated, [...e.escalated], `escalations differ${context}`);
  if (e.refused) {
    if (result.refused.length !== e.refused.length)
      throw new Error(`expected ${e.refused.length} refusal(s), got ${result.refused.length}${context}`);
    e.refused.forEach((want, i) => {
      const got = result.refused[i]!;
      const ok = typeof want === 'string' ? got.includes(want) : want.test(got);
      if (!ok) throw new Error(`refusal ${i + 1} is "${got}", expected ${String(want)}${context}`);
    });
  }
  if ('state' in e) assertMatches(result.state, e.state, `state differs${context}`);
  if (e.failure) {
    if (!result.failures.includes(e.failure))
      throw new Error(`expected a ${e.failure} failure, got ${JSON.stringify(result.failures)}${context}`);
  } else if (result.failures.length)
    throw new Error(`the plugin failed:\n  ${result.failureMessages.join('\n  ')}${context}`);
}
