// The `ctx` a hook receives. A tick builds hundreds of them, so they are class instances with plain data properties
// (an object literal with getters costs microseconds to build in V8). Only `signal` is a getter, on the prototype:
// the call's AbortSignal is made on first use (see run-hook.ts), and most hooks never ask for it.
import type { Logger } from 'pino';
import type { AgentConfig, Config } from '../../config/schema.js';
import type { GuardContext, GuardResult } from '../guard/types.js';
import type { Classification, Snapshot } from '../screen/types.js';
import type { LazySignal } from './run-hook.js';
import type { Spender, LimitState } from './limits.js';
import type { AgentStatus, BaseContext, CheckContext, LimitSpec, ScreenModel, StateStore } from './types.js';

/** What every context of one plugin shares tonight: made once, not per call. */
export interface PluginScope {
  readonly options: unknown;
  readonly config: Readonly<Config>;
  readonly night: BaseContext['night'];
  readonly now: () => Date;
  readonly guard: (command: string, context?: GuardContext) => GuardResult;
  /** the plugin's night-wide store and logger */
  readonly state: StateStore<unknown>;
  readonly log: Logger;
  /** the plugin's store and logger for one agent */
  agent(name: string): AgentScope;
}

/** A plugin's state store and logger for one agent. */
export interface AgentScope {
  readonly state: StateStore<unknown>;
  readonly log: Logger;
  /** `ctx.limit` / `ctx.once` bookkeeping, and a spender for one call */
  readonly limits: StateStore<LimitState>;
  spender(): Spender;
}

/** What the tick hands in about one agent (see host.ts `AgentView`). */
export interface AgentFacts {
  readonly agent: AgentConfig;
  readonly status: AgentStatus;
  readonly classification: Classification;
  readonly previous: Snapshot | undefined;
  readonly lookAgain: (ms: number) => void;
  readonly screen: ScreenModel;
}

/** The context of `setup`, `teardown`, `report` and `deliver`. */
export class HookContext implements BaseContext<unknown, unknown> {
  readonly options: Readonly<unknown>;
  readonly log: Logger;
  readonly now: () => Date;
  readonly config: Readonly<Config>;
  readonly night: BaseContext['night'];
  readonly state: StateStore<unknown>;
  readonly guard: (command: string, context?: GuardContext) => GuardResult;
  readonly #signal: LazySignal;

  constructor(scope: PluginScope, log: Logger, signal: LazySignal) {
    this.options = scope.options as Readonly<unknown>;
    this.log = log;
    this.now = scope.now;
    this.config = scope.config;
    this.night = scope.night;
    this.state = scope.state;
    this.guard = scope.guard;
    this.#signal = signal;
  }

  /** aborts when the hook times out or the night stops */
  get signal(): AbortSignal {
    return this.#signal.get();
  }
}

/** The context of `check` (and, with `act` added, of `rescue`): one agent's facts for this look. */
export class CheckHookContext extends HookContext implements CheckContext<unknown, unknown> {
  readonly agent: Readonly<AgentConfig>;
  readonly status: AgentStatus;
  readonly classification: Classification;
  readonly previous: Snapshot | undefined;
  readonly agentState: StateStore<unknown>;
  readonly lookAgain: (ms: number) => void;
  readonly screen: ScreenModel;
  /** made on the first `limit`/`once` call; the host commits it when the hook did something */
  spender: Spender | undefined;
  readonly #agent: AgentScope;

  constructor(scope: PluginScope, facts: AgentFacts, signal: LazySignal) {
    const agent = scope.agent(facts.agent.name);
    super(scope, agent.log, signal);
    this.agent = facts.agent;
    this.status = facts.status;
    this.classification = facts.classification;
    this.previous = facts.previous;
    this.agentState = agent.state;
    this.lookAgain = facts.lookAgain;
    this.screen = facts.screen;
    this.spender = undefined;
    this.#agent = agent;
  }

  limit(spec: LimitSpec): boolean {
    return (this.spender ??= this.#agent.spender()).limit(spec);
  }

  once(key: string): boolean {
    return (this.spender ??= this.#agent.spender()).once(key);
  }
}
