import type { WriteOrigin } from '../invocation.js';
import type { PathClass } from '../paths/classify-path.js';
import type { RuleInfo } from '../rule.js';
import type { ExtraVerbs } from '../verbs/verb-words.js';
import { trustFor, type Trust, type TrustPolicy } from '../trust/trust.js';

/** One rule that matched, with the part of the command that triggered it. */
export interface Finding {
  readonly rule: RuleInfo;
  readonly match: string;
}

/** A rule from the config: a program (after unwrapping) and an optional pattern over its arguments. */
export interface UserRule {
  readonly rule: RuleInfo;
  readonly program: string;
  readonly args: RegExp | undefined;
}

/** Budgets that turn pathological input into `hold` instead of a hang. */
export interface Limits {
  /** characters in the whole input */
  readonly maxLength: number;
  /** syntax nodes per parsed script */
  readonly maxNodes: number;
  /** wrappers and nested shells inside each other */
  readonly maxDepth: number;
  /** time budget for one verdict, in milliseconds of CPU (wall time may stretch to `WALL_STRETCH` times it on a busy machine) */
  readonly maxMillis: number;
}

/** Everything fixed for one verdict: where the command runs and the policy. */
export interface Settings {
  readonly home: string;
  /** the agent's working tree */
  readonly project: string;
  readonly tmpdir: string | undefined;
  readonly protectedPaths: readonly string[];
  readonly buildOutput: 'allow' | 'hold';
  readonly userRules: readonly UserRule[];
  /** extra verbs for the verb model, from the config */
  readonly verbs?: ExtraVerbs;
  /** free text for an agent's prompt: unknown programs and syntax errors are not held */
  readonly message: boolean;
  readonly limits: Limits;
  /** which hosts and remotes may receive code, data or secrets */
  readonly trust: TrustPolicy;
}

/** How far a busy machine may stretch a verdict's wall time past its CPU budget before it is stopped anyway. */
export const WALL_STRETCH = 25;

/** Thrown to stop a walk that ran out of budget; becomes a `hold`. */
export class BudgetExceeded extends Error {
  constructor(
    readonly rule: RuleInfo,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** What one verdict has learned so far: the findings, and facts that only matter in combination. */
export class Session {
  readonly findings: Finding[] = [];
  /** paths classified so far in this verdict, by cwd, glob flag and text */
  readonly paths = new Map<string, PathClass>();
  /** files written earlier in the line, by absolute path: written from the network or locally */
  readonly written = new Map<string, WriteOrigin>();
  /** facts earlier commands of the line established (git config set before a git command) */
  readonly facts = new Map<string, string>();
  /** the first command that reads a secret, and the first that sends data out */
  secretRead: string | undefined;
  networkSend: string | undefined;
  private readonly started = performance.now();
  private readonly cpuAtStart = process.cpuUsage();
  private trustCache: Trust | undefined;

  constructor(
    readonly settings: Settings,
    private readonly timeout: RuleInfo,
  ) {}

  /** Hosts and remotes for this verdict (remotes added earlier in the line included). */
  get trust(): Trust {
    this.trustCache ??= trustFor(this.settings.trust, this.settings.project);
    return this.trustCache;
  }

  /** Records a matched rule. */
  report(rule: RuleInfo, match: string): void {
    this.findings.push({ rule, match });
  }

  /**
   * Stops the walk when the time budget is spent. The budget is for the work the verdict does: a busy machine that
   * stretches the wall clock does not turn an ordinary command into a hold, up to `WALL_STRETCH` times the budget.
   */
  checkTime(): void {
    const max = this.settings.limits.maxMillis;
    const wall = performance.now() - this.started;
    if (wall <= max) return;
    const cpu = process.cpuUsage(this.cpuAtStart);
    if ((cpu.user + cpu.system) / 1000 > max || wall > max * WALL_STRETCH)
      throw new BudgetExceeded(this.timeout, `took longer than ${max} ms`);
  }
}
