// A CheckContext for calling a check plugin directly: a clock you move, state in memory, recorded lookAgain calls.
import pino from 'pino';
import { configSchema } from '../../config/schema.js';
import type { GuardResult } from '../../core/guard/types.js';
import { Spender, type LimitState } from '../../core/plugin/limits.js';
import { screenModel } from '../../core/watch/screen-model.js';
import type { AgentStatus, CheckContext, Plugin, ScreenModel, StateStore } from '../../core/plugin/types.js';
import { classify } from '../../core/screen/classify.js';
import type { Snapshot } from '../../core/screen/types.js';

/** A check plugin run tick by tick against snapshots, as the runner would. */
export interface CheckHarness<S> {
  /** runs the plugin's check on `snapshot` (classified here, like the core does) at the snapshot's time */
  look(snapshot: Snapshot): Promise<readonly unknown[]>;
  /** the look-again delays the plugin asked for */
  readonly lookAgain: number[];
  /** the plugin's per-agent state */
  readonly state: StateStore<S>;
}

/** A screen model with nothing on it, for views built by hand. */
export const emptyScreen: ScreenModel = {
  transcript: [],
  newRows: [],
  newOutput: [],
  input: null,
  scrollback: async () => [],
};

/** Guard stand-in: allows everything except commands matching `block`. */
export function testGuard(block = /(?!)/): (command: string) => GuardResult {
  return (command) =>
    block.test(command)
      ? { verdict: 'block', rule: 'test.block', reason: 'test' }
      : { verdict: 'allow', rule: null, reason: 'test' };
}

/** Builds a harness for `plugin` with raw `options` (validated by the plugin's schema). */
export async function harness<O, S>(
  plugin: Plugin<O, S>,
  options: unknown = {},
  guard = testGuard(),
  config: Record<string, unknown> = {},
  typed: readonly string[] = [],
): Promise<CheckHarness<S>> {
  const validated = plugin.options ? await plugin.options['~standard'].validate(options) : { value: options };
  if ('issues' in validated && validated.issues)
    throw new Error(validated.issues.map((i) => i.message).join('; '));
  const opts = (validated as { value: O }).value;
  const cfg = configSchema.parse({
    timezone: 'UTC',
    agents: [{ name: 'builder', command: 'claude', cwd: '/home/dev/app' }],
    ...config,
  });
  let value: S | undefined;
  const state: StateStore<S> = {
    get: () => value,
    set: (next) => void (value = next),
    update: (fn) => (value = fn(value)),
  };
  const lookAgain: number[] = [];
  let previous: Snapshot | undefined;
  let limitState: LimitState | undefined;
  const limits: StateStore<LimitState> = {
    get: () => limitState,
    set: (next) => void (limitState = next),
    update: (fn) => (limitState = fn(limitState)),
  };
  const status: { -readonly [K in keyof AgentStatus]: AgentStatus[K] } = {
    name: 'builder',
    state: null,
    stateSince: null,
    changedAt: null,
    waitingUntil: null,
    restarts: 0,
    givenUp: false,
    taskSentAt: null,
  };
  return {
    lookAgain,
    state,
    async look(snapshot) {
      const classification = classify(snapshot, {
        profile: cfg.agents[0]!.profile,
        profiles: cfg.profiles,
        timezone: cfg.timezone,
        now: snapshot.at,
        previous,
      });
      if (status.state !== classification.state) {
        status.state = classification.state;
        status.stateSince = snapshot.at;
      }
      const ctx: CheckContext<O, S> = {
        options: opts,
        log: pino({ level: 'silent' }),
        now: () => snapshot.at,
        signal: new AbortController().signal,
        config: cfg,
        night: {
          id: '2026-11-20',
          runDir: '/tmp/none',
          start: new Date('2026-11-20T23:00:00Z'),
          end: new Date('2026-11-21T06:00:00Z'),
        },
        state: { get: () => undefined, set: () => undefined, update: (fn) => fn(undefined) },
        guard,
        agent: cfg.agents[0]!,
        status,
        classification,
        previous,
        agentState: state,
        lookAgain: (ms) => void lookAgain.push(ms),
        screen: screenModel({
          snapshot,
          previous,
          classification,
          profile: cfg.agents[0]!.profile,
          profiles: cfg.profiles,
          typed,
          logFile: '/nonexistent/agent.log',
        }),
        limit: (spec) => spender.limit(spec),
        once: (key) => spender.once(key),
      };
      const spender = new Spender(limits, ctx.now, () => undefined, {
        plugin: plugin.name,
        agent: 'builder',
      });
      const out = await plugin.check!(snapshot, ctx);
      previous = snapshot;
      const list = out === undefined ? [] : Array.isArray(out) ? out : [out];
      if (list.length) spender.commit();
      return list;
    },
  };
}
