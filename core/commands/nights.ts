import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Run directories of past nights under the state dir, oldest first. */
export function nightDirs(stateDir: string): string[] {
  const root = join(stateDir, 'nights');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{4}-\d{2}-\d{2}(\.\d+)?$/.test(d.name))
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => join(root, name));
}

/** The most recent night's run directory, if any. */
export function latestNightDir(stateDir: string): string | undefined {
  return nightDirs(stateDir).at(-1);
}
