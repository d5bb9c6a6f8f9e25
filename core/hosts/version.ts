// This install's nightshift version, from the package.json above this file (the source tree's or the bundle's).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The version in the nearest package.json named `nightshift` above this module; `0.0.0` when there is none. */
export function nightshiftVersion(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'nightshift' && pkg.version) return pkg.version;
    } catch {
      // no package.json here
    }
    if (dirname(dir) === dir) return '0.0.0';
  }
}
