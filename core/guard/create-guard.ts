import { homedir, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { GuardRuleConfig } from '../../config/schema.js';
import { checkCommand } from './check-command.js';
import { commandsInMessage } from './input/message-commands.js';
import { defineRule } from './rule.js';
import { createRegistry } from './rules/registry.js';
import { createTrustPolicy } from './trust/trust.js';
import type { Guard, GuardContext } from './types.js';
import type { ExtraVerbs } from './verbs/verb-words.js';
import { normalizeProgram } from './walk/program-name.js';
import type { Limits, Settings, UserRule } from './walk/session.js';

/** How a guard is set up: the config's exceptions and rules, and nightshift's own paths to protect. */
export interface GuardOptions {
  /**
   * built-in rules accepted with a written reason (shown whenever used). Only pass the trusted (runner's)
   * config here: a config inside an agent's working tree may only add restrictions (see mergeGuardOptions).
   */
  readonly allow?: readonly { readonly rule: string; readonly reason: string }[];
  /** extra rules: a program (after unwrapping) and an optional regular expression over its arguments */
  readonly rules?: readonly GuardRuleConfig[];
  /** deleting project build output (node_modules, dist…): `allow` (default) or `hold` */
  readonly buildOutput?: 'allow' | 'hold';
  /** absolute paths of nightshift's config file and state directory (the "guard itself" pack protects them) */
  readonly protectedPaths?: readonly string[];
  /** extra verbs for the verb model (programs no pack covers): reads, destructive verbs, publishing verbs */
  readonly verbs?: ExtraVerbs;
  /** budgets; the defaults suit interactive use */
  readonly limits?: Partial<Limits>;
  /** hosts that may receive code, data or secrets besides loopback and the project's remotes (`*.acme.com`) */
  readonly trustedHosts?: readonly string[];
  /** remotes that may receive pushes besides the project's own: names (`backup`) or URL prefixes (`github.com/acme/`) */
  readonly trustedRemotes?: readonly string[];
}

/** Defaults: 32 KiB of input, 50k syntax nodes per script, 8 levels of wrappers, 200 ms per verdict. */
export const DEFAULT_LIMITS: Limits = { maxLength: 32 * 1024, maxNodes: 50_000, maxDepth: 8, maxMillis: 200 };

const registry = createRegistry();

/** Builds the guard: `check(command, context)` answers allow, block or hold with the rule and the reason. */
export function createGuard(options: GuardOptions = {}): Guard {
  const userRules = (options.rules ?? []).map(compileUserRule);
  const allowed = new Map((options.allow ?? []).map((entry) => [entry.rule, entry.reason]));
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const protectedPaths = (options.protectedPaths ?? []).map((path) => resolve(path));
  const systemTmp = tmpdir();
  const trust = createTrustPolicy(options.trustedHosts, options.trustedRemotes);
  let last: { context: GuardContext; settings: Settings } | undefined;
  const settingsFor = (context: GuardContext): Settings => {
    if (last && sameContext(last.context, context)) return last.settings;
    const settings: Settings = {
      home: resolve(context.home ?? homedir()),
      project: resolve(context.cwd ?? process.cwd()),
      tmpdir: systemTmp === '/tmp' ? undefined : systemTmp,
      protectedPaths,
      buildOutput: options.buildOutput ?? 'allow',
      userRules,
      limits,
      verbs: options.verbs,
      message: context.kind === 'message',
      trust,
    };
    last = { context: { ...context }, settings };
    return settings;
  };
  return {
    check(command: string, context: GuardContext = {}) {
      const input = { settings: settingsFor(context), registry, allowed };
      const verdict = checkCommand(command, input);
      if (!input.settings.message || verdict.verdict !== 'allow') return verdict;
      // a message may name a guarded command mid-sentence: judge each such tail too, the first refusal wins
      for (const tail of commandsInMessage(command, (program) => registry.hasChecks(program))) {
        const inner = checkCommand(tail, input);
        if (inner.verdict !== 'allow') return inner;
      }
      return verdict;
    },
  };
}

/**
 * Combines the runner's trusted options with those from a config inside an agent's working tree: the untrusted
 * side adds rules and can make build-output deletion stricter, but its `allow` entries are ignored.
 */
export function mergeGuardOptions(trusted: GuardOptions, untrusted: GuardOptions | undefined): GuardOptions {
  if (!untrusted) return trusted;
  const stricter = trusted.buildOutput === 'hold' || untrusted.buildOutput === 'hold' ? 'hold' : 'allow';
  return {
    ...trusted,
    rules: [...(trusted.rules ?? []), ...(untrusted.rules ?? [])],
    buildOutput: stricter,
    // an untrusted config may add destructive and publishing verbs, never reads
    verbs: {
      read: trusted.verbs?.read ?? [],
      destroy: [...(trusted.verbs?.destroy ?? []), ...(untrusted.verbs?.destroy ?? [])],
      publish: [...(trusted.verbs?.publish ?? []), ...(untrusted.verbs?.publish ?? [])],
    },
    protectedPaths: [...(trusted.protectedPaths ?? []), ...(untrusted.protectedPaths ?? [])],
  };
}

function sameContext(a: GuardContext, b: GuardContext): boolean {
  return a.cwd === b.cwd && a.home === b.home && a.kind === b.kind;
}

function compileUserRule(config: GuardRuleConfig): UserRule {
  const rule = defineRule({
    id: config.id,
    verdict: config.verdict,
    reason: config.reason,
    ...(config.alternative ? { alternative: config.alternative } : {}),
    examples: [],
  });
  return {
    rule,
    program: normalizeProgram(config.command),
    args: config.args ? new RegExp(config.args) : undefined,
  };
}
