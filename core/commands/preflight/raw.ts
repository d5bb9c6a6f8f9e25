// Reading the raw config defensively: checks run even when the schema found problems elsewhere,
// so every problem comes out in one pass.
import { resolvePath } from '../../../config/paths.js';
import type { ConfigDraft } from '../../../config/load.js';

/** A field of a plain object, or undefined. */
export function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** A string field, or undefined. */
export function text(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  return typeof v === 'string' ? v : undefined;
}

/** The agents as written, with their index for paths. */
export function rawAgents(draft: ConfigDraft): { index: number; agent: unknown }[] {
  const agents = field(draft.raw, 'agents');
  // an agent on another host has its folder and program there: `nightshift doctor` checks that host over SSH
  return Array.isArray(agents)
    ? agents
        .map((agent, index) => ({ index, agent }))
        .filter(({ agent }) => field(agent, 'host') === undefined)
    : [];
}

/** A path from the config, absolute (`~` expanded, relative to the config's folder). */
export function absolute(draft: ConfigDraft, path: string): string {
  return resolvePath(path, draft.dir);
}
