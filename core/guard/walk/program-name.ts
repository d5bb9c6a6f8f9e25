import { UNKNOWN, type Arg } from '../syntax/arg.js';

/** The name rules match on: any path to a program is the program (`/usr/bin/rm`, `=rm`, `RM`, `rm.exe` → `rm`). */
export function normalizeProgram(name: string): string {
  let normal = NORMALIZED.get(name);
  if (normal === undefined) {
    const unzsh = name.startsWith('=') ? name.slice(1) : name;
    const base = unzsh.slice(unzsh.lastIndexOf('/') + 1).toLowerCase();
    normal = base.endsWith('.exe') ? base.slice(0, -4) : base;
    if (NORMALIZED.size < 10_000) NORMALIZED.set(name, normal);
  }
  return normal;
}

/** Names already normalized (program names repeat from one verdict to the next). */
const NORMALIZED = new Map<string, string>();

/** True when the program is named by a path (`./run.sh`, `bin/tool`), not looked up on PATH. */
export function isPathInvocation(name: string): boolean {
  return name.includes('/');
}

/** A command line for the report, with run-time parts shown as `$…`. */
export function displayArgs(argv: readonly Arg[]): string {
  return argv.map((arg) => quoteForDisplay(arg.value.split(UNKNOWN).join('$…'))).join(' ');
}

function quoteForDisplay(value: string): string {
  if (value === '') return "''";
  return /^[\w@%+=:,./~$…{}*?[\]-]+$/u.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
