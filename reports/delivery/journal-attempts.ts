import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../core/journal/journal.js';
import type { NewJournalEvent } from '../../core/journal/events.js';
import type { OutboxAttempt, OutboxItem } from './outbox.js';

/** The journal event for one delivery attempt. */
export function deliveryEvent(
  item: Pick<OutboxItem, 'id' | 'state' | 'attempts' | 'nextAttemptAt'>,
  attempt: OutboxAttempt,
): NewJournalEvent {
  const retry = item.state === 'pending';
  const next = retry
    ? `; next try at ${item.nextAttemptAt}`
    : item.state === 'expired'
      ? '; deadline passed, giving up'
      : item.state === 'failed' && attempt.kind === 'permanent'
        ? '; refused for good, not retried: check report.email.to and from'
        : item.state === 'failed' && attempt.kind === 'config'
          ? '; not retried until the SMTP settings are fixed'
          : '';
  return {
    type: 'delivery',
    channel: 'email',
    ok: attempt.ok,
    attempt: item.attempts.length,
    detail: `${attempt.kind}: ${attempt.detail}${next} (outbox ${item.id})`,
    retry,
  };
}

/** Appends an event to a night's journal (`<runDir>/events.jsonl`), if the run directory still exists. Never throws. */
export function appendToNightJournal(runDir: string, event: NewJournalEvent): void {
  if (!existsSync(runDir)) return;
  try {
    const journal = new Journal(join(runDir, 'events.jsonl'));
    try {
      journal.append(event);
    } finally {
      journal.close();
    }
  } catch {
    // journaling a delivery must never break the delivery itself
  }
}

/** An `onAttempt` hook for the outbox that journals each attempt into its night's journal. */
export function journalAttempts(item: OutboxItem, attempt: OutboxAttempt): void {
  appendToNightJournal(item.runDir, deliveryEvent(item, attempt));
}
