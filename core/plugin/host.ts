// Runs plugin hooks for a night: builds each hook's context, isolates every call (throw, timeout,
// bad result), journals failures, and switches a plugin off after 3 failures in a row.
import type { Logger } from 'pino';
import type { AgentConfig, Config } from '../../config/schema.js';
import type { GuardContext, GuardResult } from '../guard/types.js';
import type { NewJournalEvent, Severity } from '../journal/events.js';
import type { Classification, Snapshot } from '../screen/types.js';
import { CheckHookContext, HookContext, type AgentScope, type PluginScope } from './hook-context.js';
import { undeclaredKind } from './kinds.js';
import { Spender, type LimitState } from './limits.js';
import { rescueOrder } from './order.js';
import type { LoadedPlugin } from './loader.js';
import { callHook, LazySignal, type HookOutcome } from './run-hook.js';
import type { PluginStateStore } from './state.js';
import type {
  Actions,
  AgentStatus,
  BaseContext,
  CompiledReport,
  Finding,
  NewFinding,
  NightRecord,
  Plugin,
  ReportSection,
  ScreenModel,
} from './types.js';

/** What the host needs from the night. */
export interface HostOptions {
  readonly plugins: readonly LoadedPlugin[];
  readonly config: Config;
  readonly night: BaseContext['night'];
  readonly log: Logger;
  readonly state: PluginStateStore;
  readonly guard: (command: string, context?: GuardContext) => GuardResult;
  readonly journal: (event: NewJournalEvent) => void;
  readonly now: () => Date;
  /** aborts every running hook when the night stops */
  readonly signal: AbortSignal;
}

/** What the tick hands in about one agent. */
export interface AgentView {
  readonly agent: AgentConfig;
  readonly status: AgentStatus;
  readonly classification: Classification;
  readonly previous: Snapshot | undefined;
  readonly lookAgain: (ms: number) => void;
  /** the screen read for plugins (`ctx.screen`) */
  readonly screen: ScreenModel;
}

const MAX_FAILURES = 3;
/** report and deliver hooks get longer by default; a plugin's own `timeoutMs` always wins */
const REPORT_TIMEOUT_MS = 60_000;
const SEVERITIES: readonly Severity[] = ['info', 'warn', 'error', 'critical'];

/** Runs the night's plugins, one isolated hook call at a time. */
export class PluginHost {
  readonly #o: HostOptions;
  readonly #failures = new Map<string, { streak: number; total: number; first: string }>();
  readonly #disabled = new Set<string>();
  readonly #rescuers: LoadedPlugin[];
  #checks: LoadedPlugin[] | undefined;
  /** what each plugin's hook contexts share, made once: a tick builds hundreds of contexts */
  readonly #scopes = new Map<LoadedPlugin, PluginScope>();

  constructor(options: HostOptions) {
    this.#o = options;
    this.#rescuers = rescueOrder(options.plugins);
  }

  /** Plugins switched off tonight, with their first error. */
  get disabled(): { plugin: string; failures: number; firstError: string }[] {
    return [...this.#disabled].map((plugin) => {
      const f = this.#failures.get(plugin)!;
      return { plugin, failures: f.total, firstError: f.first };
    });
  }

  /** Calls every `setup`, in order. */
  async setup(): Promise<void> {
    for (const p of this.#active('setup'))
      await this.#call(p, 'setup', undefined, (signal) => p.plugin.setup!(this.#base(p, signal)));
  }

  /** Calls every `teardown`, in reverse order; all run even if some fail. */
  async teardown(): Promise<void> {
    for (const p of [...this.#o.plugins].reverse()) {
      if (!p.plugin.teardown) continue;
      await this.#call(p, 'teardown', undefined, (signal) => p.plugin.teardown!(this.#base(p, signal)));
    }
  }

  /**
   * Runs every check on one agent's snapshot, in parallel; returns their findings with the agent and source added.
   * When every check answers synchronously (the built-ins do) the findings come back without a promise.
   */
  check(snapshot: Snapshot, view: AgentView): Finding[] | Promise<Finding[]> {
    const results: (readonly Finding[] | Promise<readonly Finding[]>)[] = [];
    let pending = false;
    for (const p of this.#checkers()) {
      const signal = new LazySignal(this.#o.signal);
      let ctx: CheckHookContext | undefined;
      const outcome = this.#call(
        p,
        'check',
        view.agent.name,
        () => p.plugin.check!(snapshot, (ctx = this.#checkContext(p, view, signal))),
        undefined,
        signal,
      );
      if (outcome instanceof Promise) {
        pending = true;
        results.push(outcome.then((o) => spent(ctx, this.#findings(p, o, snapshot, view))));
      } else results.push(spent(ctx, this.#findings(p, outcome, snapshot, view)));
    }
    if (pending) return Promise.all(results).then((lists) => lists.flat());
    return (results as (readonly Finding[])[]).flat();
  }

  /** One check's answer as findings (none when it failed or answered with something that is not a finding). */
  #findings(
    p: LoadedPlugin,
    outcome: NewFinding | readonly NewFinding[] | null | undefined | void,
    snapshot: Snapshot,
    view: AgentView,
  ): readonly Finding[] {
    if (outcome === undefined || outcome === null) return NONE;
    const list: readonly unknown[] = Array.isArray(outcome) ? outcome : [outcome];
    const bad = list.find((f) => !isFinding(f));
    const undeclared =
      bad === undefined && list.map((f) => undeclaredKind(p.plugin, (f as NewFinding).kind)).find(Boolean);
    if (undeclared) {
      this.#fail(p, 'check', 'PLUGIN_BAD_RESULT', undeclared, view.agent.name);
      return [];
    }
    if (bad !== undefined) {
      this.#fail(
        p,
        'check',
        'PLUGIN_BAD_RESULT',
        `check returned ${JSON.stringify(bad)?.slice(0, 120)}; expected findings { kind, summary, data }`,
        view.agent.name,
      );
      return [];
    }
    return (list as NewFinding[]).map(
      (f): Finding =>
        ({
          ...f,
          severity: f.severity ?? 'warn',
          agent: view.agent.name,
          source: p.plugin.name,
          snapshot,
          since: snapshot.at,
        }) as Finding,
    );
  }

  /** Offers a finding to the rescues in order (pre, normal, post); returns the plugin that handled it, if any. */
  async rescue(
    finding: Finding,
    view: AgentView,
    actionsFor: (plugin: string) => Actions & { revoke(): void },
  ): Promise<string | undefined> {
    for (const p of this.#rescuers) {
      if (this.#disabled.has(p.plugin.name)) continue;
      if (p.plugin.handles && !p.plugin.handles.includes(finding.kind)) continue;
      const act = actionsFor(p.plugin.name);
      let ctx: CheckHookContext | undefined;
      const result = await this.#call(p, 'rescue', view.agent.name, (signal) =>
        p.plugin.rescue!(finding, Object.assign((ctx = this.#checkContext(p, view, signal)), { act })),
      );
      act.revoke();
      if (result === 'handled') {
        ctx?.spender?.commit(); // a rescue that handled the finding spent its limit/once answers
        return p.plugin.name;
      }
      if (result !== undefined && result !== 'pass' && result !== null) {
        this.#fail(
          p,
          'rescue',
          'PLUGIN_BAD_RESULT',
          `rescue returned ${JSON.stringify(result)}; expected 'handled' or 'pass'`,
          view.agent.name,
        );
      }
    }
    return undefined;
  }

  /** Collects report sections from every `report` hook, in order. */
  async report(night: NightRecord): Promise<ReportSection[]> {
    const sections: ReportSection[] = [];
    for (const p of this.#active('report')) {
      const out = await this.#call(
        p,
        'report',
        undefined,
        (signal) => p.plugin.report!(night, this.#base(p, signal)),
        REPORT_TIMEOUT_MS,
      );
      if (out === undefined || out === null) continue;
      const list = Array.isArray(out) ? out : [out];
      const bad = list.find(
        (s) =>
          !s || typeof s.id !== 'string' || typeof s.title !== 'string' || typeof s.markdown !== 'string',
      );
      if (bad !== undefined)
        this.#fail(
          p,
          'report',
          'PLUGIN_BAD_RESULT',
          'report returned something that is not { id, title, markdown }',
        );
      else sections.push(...(list as ReportSection[]));
    }
    return sections;
  }

  /** Hands the compiled report to every `deliver` hook. */
  async deliver(report: CompiledReport): Promise<void> {
    for (const p of this.#active('deliver'))
      await this.#call(
        p,
        'deliver',
        undefined,
        (signal) => p.plugin.deliver!(report, this.#base(p, signal)),
        REPORT_TIMEOUT_MS,
      );
  }

  #active(hook: keyof Plugin): LoadedPlugin[] {
    return this.#o.plugins.filter(
      (p) => typeof p.plugin[hook] === 'function' && !this.#disabled.has(p.plugin.name),
    );
  }

  /** The check plugins still on tonight (kept until one is switched off). */
  #checkers(): LoadedPlugin[] {
    return (this.#checks ??= this.#active('check'));
  }

  /** One isolated call: undefined when it failed (already journaled). Synchronous when the hook answered synchronously. */
  #call<T>(
    p: LoadedPlugin,
    hook: string,
    agent: string | undefined,
    fn: (signal: LazySignal) => T | Promise<T>,
    timeout?: number,
    signal?: LazySignal,
  ): T | undefined | Promise<T | undefined> {
    const outcome = callHook(
      fn,
      timeout ?? p.plugin.timeoutMs ?? this.#o.config.watch.pluginTimeout,
      this.#o.signal,
      signal,
    );
    return outcome instanceof Promise
      ? outcome.then((o) => this.#settle(p, hook, agent, o))
      : this.#settle(p, hook, agent, outcome);
  }

  /** A call's value, or undefined after journaling its failure. */
  #settle<T>(
    p: LoadedPlugin,
    hook: string,
    agent: string | undefined,
    outcome: HookOutcome<T>,
  ): T | undefined {
    if (outcome.ok) {
      const f = this.#failures.get(p.plugin.name);
      if (f) f.streak = 0;
      return outcome.value;
    }
    this.#fail(p, hook, outcome.code, outcome.message, agent);
    return undefined;
  }

  #fail(
    p: LoadedPlugin,
    hook: string,
    code: 'PLUGIN_THREW' | 'PLUGIN_TIMEOUT' | 'PLUGIN_BAD_RESULT',
    message: string,
    agent?: string,
  ): void {
    const name = p.plugin.name;
    const f = this.#failures.get(name) ?? { streak: 0, total: 0, first: `${hook}: ${message}` };
    f.streak += 1;
    f.total += 1;
    this.#failures.set(name, f);
    this.#o.journal({ type: 'plugin-failure', plugin: name, hook, code, message, agent });
    this.#o.log.warn({ plugin: name, hook, code, agent }, `plugin ${name} ${hook} failed: ${message}`);
    if (f.streak >= MAX_FAILURES && !this.#disabled.has(name)) {
      this.#disabled.add(name);
      this.#checks = undefined;
      this.#o.journal({ type: 'plugin-disabled', plugin: name, failures: f.total, firstError: f.first });
      this.#o.log.error(
        { plugin: name },
        `plugin ${name} failed ${MAX_FAILURES} times in a row and is switched off for the night`,
      );
    }
  }

  #base(p: LoadedPlugin, signal: LazySignal): BaseContext<unknown, unknown> {
    const scope = this.#scope(p);
    return new HookContext(scope, scope.log, signal);
  }

  #checkContext(p: LoadedPlugin, view: AgentView, signal: LazySignal): CheckHookContext {
    return new CheckHookContext(this.#scope(p), view, signal);
  }

  /** What every context of plugin `p` shares tonight (options, stores, loggers), made on first use. */
  #scope(p: LoadedPlugin): PluginScope {
    let scope = this.#scopes.get(p);
    if (scope) return scope;
    const o = this.#o;
    const plugin = p.plugin.name;
    const agents = new Map<string, AgentScope>();
    scope = {
      options: p.options,
      config: o.config,
      night: o.night,
      now: o.now,
      guard: o.guard,
      state: o.state.global(plugin),
      log: o.log.child({ plugin }),
      agent: (agent) => {
        let one = agents.get(agent);
        if (!one) {
          const limits = o.state.limits<LimitState>(plugin, agent);
          one = {
            state: o.state.agent(plugin, agent),
            log: o.log.child({ plugin, agent }),
            limits,
            spender: () => new Spender(limits, o.now, o.journal, { plugin, agent }),
          };
          agents.set(agent, one);
        }
        return one;
      },
    };
    this.#scopes.set(p, scope);
    return scope;
  }
}

/** No findings (shared: the lists are only read, then flattened into a new one). */
const NONE: readonly Finding[] = Object.freeze([]);

/** A check that found something spent its limit/once answers. */
function spent(ctx: CheckHookContext | undefined, found: readonly Finding[]): readonly Finding[] {
  if (found.length) ctx?.spender?.commit();
  return found;
}

function isFinding(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f.kind === 'string' &&
    typeof f.summary === 'string' &&
    'data' in f &&
    (f.severity === undefined || SEVERITIES.includes(f.severity as Severity))
  );
}
