// Small statistics, /proc readers and tmux clean-up shared by the benches.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The `p` quantile (0..1) of `values` (nearest rank); NaN for none. */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** The arithmetic mean; NaN for none. */
export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/** CPU ms used by a process (utime+stime), or by its waited-for children (cutime+cstime), from /proc (10 ms ticks). */
export function procCpuMs(pid: number | 'self', children = false): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const [u, s] = children ? [fields[13], fields[14]] : [fields[11], fields[12]];
  return ((Number(u) + Number(s)) * 1000) / 100;
}

/** The 1-minute load average and the number of CPUs, for the figures' footnote. */
export function machine(): string {
  const [one] = readFileSync('/proc/loadavg', 'utf8').split(' ');
  const cpus = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm)?.length ?? 0;
  return `Node ${process.version}, ${process.platform}, ${cpus} CPUs, load average ${one}`;
}

/** Reads `--name value` from argv as a number. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Removes the socket file a private tmux server leaves behind in the tmux directory after it exits. */
export function removeSocketFile(socket: string): void {
  const dir = process.env.TMUX_TMPDIR ?? '/tmp';
  rmSync(join(dir, `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
}
