// The tmux layer's errors, each with a message that says what to do.
import { NightshiftError } from '../errors.js';
import { describeCommand, type TmuxCommand } from './quote.js';

/** The lowest tmux nightshift runs on: control-mode flow control and `no-output` arrived in 3.2. */
export const MIN_VERSION = { major: 3, minor: 2 } as const;

const INSTALL =
  'install it with `apt-get install tmux` (Debian/Ubuntu), `dnf install tmux` (Fedora) or `brew install tmux` (macOS)';

/** tmux is not on PATH (or `bin` points nowhere). */
export function tmuxMissing(bin: string, cause?: unknown): NightshiftError {
  return new NightshiftError(
    'TMUX_MISSING',
    `tmux was not found (ran \`${bin}\`): ${INSTALL}, then run \`nightshift doctor\``,
    { cause },
  );
}

/** tmux answers but is older than `MIN_VERSION`. */
export function tmuxTooOld(text: string): NightshiftError {
  const min = `${MIN_VERSION.major}.${MIN_VERSION.minor}`;
  return new NightshiftError(
    'TMUX_TOO_OLD',
    `${text} is too old: nightshift needs tmux ${min} or newer; ${INSTALL.replace('install', 'upgrade')}`,
  );
}

/** A command that tmux refused or could not run; `detail` is tmux's own message. */
export function tmuxFailed(command: TmuxCommand, detail: string, cause?: unknown): NightshiftError {
  return new NightshiftError(
    'TMUX_FAILED',
    `tmux ${describeCommand(command)} failed: ${detail || 'no message'}`,
    { cause },
  );
}

/** A command that got no answer within the timeout. */
export function tmuxTimeout(command: TmuxCommand, ms: number): NightshiftError {
  return new NightshiftError(
    'TMUX_TIMEOUT',
    `tmux ${describeCommand(command)} got no answer within ${ms} ms: the tmux server may be hung or overloaded; check it with \`tmux list-sessions\`, or raise the timeout`,
  );
}

const lost = new WeakSet<Error>();

/** The control connection ended before `command` was answered; it may or may not have run. */
export function connectionLost(command: TmuxCommand, reason: string): NightshiftError {
  const error = tmuxFailed(
    command,
    `the connection to the tmux server was lost (${reason}); if the server was killed, nightshift reconnects once it is back`,
  );
  lost.add(error);
  return error;
}

/** True for a `connectionLost` error: a read can safely be asked again (it reconnects, or finds no server). */
export function isConnectionLost(error: unknown): boolean {
  return error instanceof Error && lost.has(error);
}

/** True when tmux's message means no server is listening on the socket. */
export function isNoServer(detail: string): boolean {
  return /no server running|error connecting to|server exited unexpectedly|lost server/i.test(detail);
}
