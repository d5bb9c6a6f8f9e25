// Urgent escalations mailed right away (rate-limited), so a person can step in before the morning.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../../config/schema.js';
import { appendToNightJournal, senderFor, type OutboxMessage } from '../../reports/index.js';
import { escapeHtml } from '../../reports/render/html-escape.js';
import type { EscalationKind } from '../journal/events.js';

const HOUR = 3_600_000;

/** How many urgent mails per hour at most (the morning report carries the rest). */
export const URGENT_PER_HOUR = 3;

/**
 * Returns the night's `onUrgent` callback: a short email per urgent escalation, at most URGENT_PER_HOUR an hour,
 * each attempt journaled. Without SMTP configured it only logs: the escalation is on the report's "needs you" list anyway.
 */
export function urgentMailer(
  config: Config,
  runDir: () => string,
  log: Logger,
): (agent: string, kind: EscalationKind, reason: string) => void {
  const sent: number[] = [];
  return (agent, kind, reason) => {
    const email = config.report.email;
    const sender = senderFor(config);
    if (!email || !sender || 'error' in sender) {
      log.info({ agent, kind }, 'urgent escalation not mailed: no SMTP configured (it is on the report)');
      return;
    }
    const now = Date.now();
    while (sent.length && now - sent[0]! > HOUR) sent.shift();
    if (sent.length >= URGENT_PER_HOUR) {
      log.warn(
        { agent, kind },
        `urgent escalation not mailed: ${URGENT_PER_HOUR} urgent mails already sent this hour`,
      );
      return;
    }
    sent.push(now);
    const message: OutboxMessage = {
      from: email.from,
      to: Array.isArray(email.to) ? email.to : [email.to],
      subject: `[${email.subjectPrefix}] needs you now: ${agent} (${kind})`,
      text: `${reason}\n\nnightshift keeps the agent waiting; the morning report will list this too.\n`,
      html: `<p>${escapeHtml(reason)}</p><p>nightshift keeps the agent waiting; the morning report will list this too.</p>`,
      messageId: `<${randomUUID()}@nightshift>`,
      date: new Date(now).toISOString(),
      headers: { 'X-Nightshift-Urgent': kind },
      attachments: [],
    };
    void sender(message).then((outcome) => {
      appendToNightJournal(runDir(), {
        type: 'delivery',
        channel: 'urgent',
        ok: outcome.ok,
        attempt: 1,
        detail: outcome.ok
          ? `urgent mail for ${agent} (${kind}) sent`
          : `urgent mail for ${agent} failed: ${outcome.detail}`,
      });
      if (!outcome.ok) log.warn({ agent, kind, detail: outcome.detail }, 'urgent mail failed');
    });
  };
}
