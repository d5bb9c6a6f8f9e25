// `tmux -V`: which tmux is installed, and whether nightshift can run on it.
import { MIN_VERSION, tmuxFailed, tmuxTooOld } from './errors.js';
import { invocationFor, type Invocation } from './invocation.js';
import { runOnce } from './process-client.js';
import type { TmuxOptions, TmuxVersion } from './types.js';

/** Parses `tmux 3.3a`, `tmux next-3.6`, `tmux 3.5-rc`, `tmux master`; undefined when it is not tmux's -V line. */
export function parseVersion(text: string): TmuxVersion | undefined {
  const line = text.trim();
  const numbered = /^tmux (?:next-)?(\d+)\.(\d+)/.exec(line);
  if (numbered) return { major: Number(numbered[1]), minor: Number(numbered[2]), text: line };
  if (/^tmux \S+/.test(line)) return { major: 999, minor: 0, text: line };
  return undefined;
}

/** Runs `tmux -V`; rejects with TMUX_MISSING when there is no tmux to run. */
export async function readVersion(invocation: Invocation): Promise<TmuxVersion> {
  const result = await runOnce({ ...invocation, globalArgs: [] }, ['-V'], 5000);
  const version = result.ok ? parseVersion(result.lines.join('\n')) : undefined;
  if (!version) throw tmuxFailed(['-V'], `unexpected answer ${JSON.stringify(result.lines.join(' '))}`);
  return version;
}

/** True when `version` is at least `MIN_VERSION` (3.2). */
export function isSupported(version: TmuxVersion): boolean {
  return (
    version.major > MIN_VERSION.major ||
    (version.major === MIN_VERSION.major && version.minor >= MIN_VERSION.minor)
  );
}

/** The installed tmux version; rejects with TMUX_MISSING or TMUX_TOO_OLD (< 3.2), saying how to install or upgrade. */
export async function checkTmuxVersion(options: Pick<TmuxOptions, 'bin'> = {}): Promise<TmuxVersion> {
  const version = await readVersion(invocationFor(options));
  if (!isSupported(version)) throw tmuxTooOld(version.text);
  return version;
}
