// Small builders shared by unit tests: a validated config, a snapshot, a classification.
import pino from 'pino';
import { resolveConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import type { Classification, Snapshot } from '../../core/screen/types.js';
import { hashScreen } from '../../core/screen/snapshot.js';

/** A valid config with one agent, `overrides` merged in. */
export function testConfig(overrides: Record<string, unknown> = {}): Config {
  return resolveConfig(
    { agents: [{ name: 'builder', command: 'claude' }], ...overrides },
    { cwd: '/tmp/ns-test', env: {} },
  ).config;
}

/** A snapshot of `text` (one line per row), cursor at the end of the last non-empty line unless given. */
export function snapshotOf(text: string, o: Partial<Snapshot> = {}): Snapshot {
  const lines = text.split('\n');
  const y =
    o.cursor?.y ??
    Math.max(
      0,
      lines.findLastIndex((l) => l.trim() !== ''),
    );
  const cursor = o.cursor ?? { x: lines[y]?.length ?? 0, y, visible: true };
  return {
    agent: 'builder',
    paneId: '%1',
    lines,
    cursor,
    width: 100,
    height: lines.length,
    dead: false,
    inMode: false,
    alternateOn: false,
    currentCommand: 'node',
    pid: 1,
    at: new Date('2026-11-21T02:00:00Z'),
    hash: hashScreen(lines, cursor.x, cursor.y),
    ...o,
  };
}

/** A classification with the given state. */
export function classified(state: Classification['state'], o: Partial<Classification> = {}): Classification {
  return { state, profile: 'generic', rule: `test.${state}`, evidence: [], ...o };
}

/** A silent logger for tests. */
export const silentLog = pino({ level: 'silent' });
