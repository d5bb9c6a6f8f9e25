// Finds a pinned agent where scripts/install-agents.mjs put it (same cache layout), and the version it reports.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Installed } from './adapter.js';

/** One pinned agent in test/agents/versions.json. */
export interface Pin {
  readonly package: string;
  readonly version: string;
  readonly bin: string;
}

const versionsFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'versions.json');

/** The pins, by agent name. */
export function readPins(): Record<string, Pin> {
  return JSON.parse(readFileSync(versionsFile, 'utf8')) as Record<string, Pin>;
}

/** The installed agent, or an error that says how to install it. */
export function findInstalled(name: string): Installed {
  const pin = readPins()[name];
  if (!pin) throw new Error(`no pin for ${name} in test/agents/versions.json`);
  const cache = process.env.NIGHTSHIFT_AGENTS_CACHE || join(homedir(), '.cache', 'nightshift', 'agents');
  const dir = join(cache, `${name}@${pin.version}`);
  const bin = join(dir, 'node_modules', '.bin', pin.bin);
  if (!existsSync(join(dir, '.installed.json')) || !existsSync(bin))
    throw new Error(
      `${name}@${pin.version} is not installed in ${dir}: run node scripts/install-agents.mjs ${name}`,
    );
  const version =
    execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 120_000 }).trim().split('\n')[0] ?? '';
  if (!version.includes(pin.version))
    throw new Error(
      `${bin} reports "${version}", pinned ${pin.version}: reinstall with scripts/install-agents.mjs`,
    );
  return { bin, version };
}
