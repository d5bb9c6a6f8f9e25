// Findings no rescue claimed, held for their agent and offered again when the agent's state changes: an error seen
// while the agent was busy reaches the rescues once more when the agent is back at its input.
import type { Snapshot } from '../screen/types.js';
import type { Finding } from './types.js';

/** A held finding and its identity. */
export interface PendingFinding {
  readonly finding: Finding;
  readonly key: string;
}

/** At most this many findings are held per agent (the oldest go first). */
export const PENDING_KEPT = 8;
/** A held finding is dropped this long after it first appeared. */
export const PENDING_MS = 60 * 60_000;

/** The identity of a finding across ticks: the check, the kind and the summary. */
export function findingKey(f: Finding): string {
  return `${f.source}/${f.kind}/${f.summary}`;
}

/**
 * The held findings to offer again now that the agent's state changed: those not reported on this look (a finding
 * still reported is offered anyway), not expired, marked `replayed: true` and carrying this look's snapshot.
 */
export function replays(
  pending: readonly PendingFinding[],
  current: readonly Finding[],
  snapshot: Snapshot,
): Finding[] {
  const now = new Set(current.map(findingKey));
  return pending
    .filter((p) => !now.has(p.key) && snapshot.at.getTime() - p.finding.since.getTime() < PENDING_MS)
    .map((p) => ({ ...p.finding, replayed: true, snapshot }) as Finding);
}

/** The held list after a round of offers: `offered` ones nobody claimed are held, the `claimed` one is let go. */
export function holdUnclaimed(
  pending: readonly PendingFinding[],
  offered: readonly Finding[],
  claimed: Finding | undefined,
  at: Date,
): PendingFinding[] {
  const gone = claimed ? findingKey(claimed) : undefined;
  const byKey = new Map<string, PendingFinding>();
  for (const p of pending) byKey.set(p.key, p);
  for (const f of offered) {
    const key = findingKey(f);
    if (!byKey.has(key)) byKey.set(key, { finding: { ...f, replayed: undefined } as Finding, key });
  }
  if (gone) byKey.delete(gone);
  return [...byKey.values()]
    .filter((p) => at.getTime() - p.finding.since.getTime() < PENDING_MS)
    .slice(-PENDING_KEPT);
}
