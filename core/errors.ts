/** Stable error codes: each names one way things go wrong, so tools and tests can match on it. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_LOAD_FAILED'
  | 'USAGE'
  | 'TMUX_MISSING'
  | 'TMUX_TOO_OLD'
  | 'TMUX_FAILED'
  | 'TMUX_TIMEOUT'
  | 'PLUGIN_NOT_FOUND'
  | 'PLUGIN_INVALID'
  | 'PLUGIN_OPTIONS'
  | 'PLUGIN_THREW'
  | 'PLUGIN_TIMEOUT'
  | 'PLUGIN_BAD_RESULT'
  | 'STATE_LOCKED'
  | 'NIGHT_NOT_FOUND'
  | 'NO_RUNNER'
  | 'DELIVERY_FAILED'
  /** a host's nightshift cannot serve this controller (another version, or none installed): that host is skipped */
  | 'HOST_INCOMPATIBLE'
  /** `nightshift hosts install`: the host cannot be reached over SSH in BatchMode */
  | 'HOST_UNREACHABLE'
  /** `nightshift hosts install`: npm is missing or failed there, or what it installed does not answer */
  | 'HOST_INSTALL_FAILED'
  | 'SERVICE_FAILED'
  /** the status endpoint (`http:`) cannot listen where the config says */
  | 'HTTP_LISTEN';

/** One problem found in user input, located by its path (`agents[1].command`). */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** An error that is data: a stable code, a message that says how to fix it, and any problems found. */
export class NightshiftError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];
  /** The process exit code this error maps to: 2 for bad usage or config, 1 otherwise. */
  readonly exitCode: 1 | 2;

  constructor(
    code: ErrorCode,
    message: string,
    options: { problems?: readonly Problem[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'NightshiftError';
    this.code = code;
    this.problems = options.problems ?? [];
    this.exitCode = USAGE_CODES.has(code) ? 2 : 1;
  }
}

const USAGE_CODES = new Set<ErrorCode>([
  'CONFIG_INVALID',
  'CONFIG_NOT_FOUND',
  'CONFIG_LOAD_FAILED',
  'USAGE',
  'TMUX_MISSING',
  'TMUX_TOO_OLD',
  'PLUGIN_NOT_FOUND',
  'PLUGIN_INVALID',
  'PLUGIN_OPTIONS',
  'NIGHT_NOT_FOUND',
]);

/** Formats problems one per line as `path: message`, the way the CLI prints them. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => (p.path ? `  ${p.path}: ${p.message}` : `  ${p.message}`)).join('\n');
}
