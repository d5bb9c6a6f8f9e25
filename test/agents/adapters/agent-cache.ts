// Where the pinned agent CLIs are installed: $NIGHTSHIFT_AGENTS_CACHE/<name>@<version>/ (default ~/.cache/nightshift/agents).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One pinned CLI from test/agents/versions.json. */
export interface PinnedAgent {
  readonly package: string;
  readonly version: string;
  readonly bin: string;
}

const versionsFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'versions.json');

/** The pinned package, version and binary name of an agent. */
export function pinned(name: string): PinnedAgent {
  const all = JSON.parse(readFileSync(versionsFile, 'utf8')) as Record<string, PinnedAgent>;
  const entry = all[name];
  if (!entry) throw new Error(`test/agents/versions.json pins no agent named ${name}`);
  return entry;
}

/** The cache folder that holds the installed agents. */
export function agentsCache(): string {
  return process.env.NIGHTSHIFT_AGENTS_CACHE ?? join(homedir(), '.cache', 'nightshift', 'agents');
}

/** The installed binary of a pinned agent; throws with the install command when it is missing. */
export function agentBinary(name: string): string {
  const { package: pkg, version, bin } = pinned(name);
  const path = join(agentsCache(), `${name}@${version}`, 'node_modules', '.bin', bin);
  if (!existsSync(path))
    throw new Error(
      `${pkg}@${version} is not installed at ${path}: run \`npm install --prefix ${join(agentsCache(), `${name}@${version}`)} ${pkg}@${version}\` (or scripts/install-agents.mjs)`,
    );
  return path;
}
