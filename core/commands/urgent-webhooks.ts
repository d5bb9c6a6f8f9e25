// Urgent escalations posted to webhooks right away (`notify:`): a generic JSON POST, ntfy, or a Slack-compatible
// incoming webhook. Rate-limited like the urgent mail, secrets redacted, each attempt journaled (the address never).
import type { Logger } from 'pino';
import type { Config, NotifyConfig } from '../../config/schema.js';
import { appendToNightJournal } from '../../reports/index.js';
import { redact } from '../../reports/redact.js';
import type { EscalationKind } from '../journal/events.js';

const HOUR = 3_600_000;
const TIMEOUT_MS = 10_000;

type Webhook = NotifyConfig['webhooks'][number];

/** What one notification says, before it is shaped for a webhook. */
export interface Notice {
  readonly night: string;
  readonly agent: string;
  readonly kind: EscalationKind;
  readonly reason: string;
  readonly at: string;
}

/** How to answer the agent from any terminal, as the notification says it. */
export function howToAnswer(agent: string): string {
  return `Answer from any terminal: nightshift answer ${agent} <choice> | --text "…" | --decline (see the choices with: nightshift status)`;
}

/** The request one webhook gets for a notice. */
export function requestFor(hook: Webhook, n: Notice): { headers: Record<string, string>; body: string } {
  const title = `nightshift: ${n.agent} needs you (${n.kind})`;
  const answer = howToAnswer(n.agent);
  switch (hook.kind) {
    case 'json':
      return {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ source: 'nightshift', title, ...n, answer }),
      };
    case 'ntfy':
      return {
        headers: { 'content-type': 'text/plain; charset=utf-8', title, priority: 'high', tags: 'warning' },
        body: `${n.reason}\n\n${answer}`,
      };
    case 'slack':
      return {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: `*${title}*\n${n.reason}\n${answer}` }),
      };
  }
}

/** A webhook's address for the journal: scheme and host only (the path of a Slack or ntfy URL is its secret). */
function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'an invalid address';
  }
}

/**
 * Returns the night's webhook callback for urgent escalations, or undefined without `notify:`. At most
 * `notify.perHour` notifications an hour (each to every webhook); the reason is redacted (the config's secret values
 * and every known secret shape); each attempt is journaled as a `delivery` on channel `webhook:<kind>`.
 */
export function urgentWebhooks(
  config: Config,
  night: () => { id: string; runDir: string },
  log: Logger,
  secrets: readonly string[] = [],
  now: () => number = Date.now,
): ((agent: string, kind: EscalationKind, reason: string) => Promise<void>) | undefined {
  const notify = config.notify;
  if (!notify) return undefined;
  const sent: number[] = [];
  return async (agent, kind, reason) => {
    const at = now();
    while (sent.length && at - sent[0]! > HOUR) sent.shift();
    if (sent.length >= notify.perHour) {
      log.warn({ agent, kind }, `urgent escalation not posted: ${notify.perHour} already this hour`);
      return;
    }
    sent.push(at);
    const { id, runDir } = night();
    const notice: Notice = {
      night: id,
      agent,
      kind,
      reason: redact(reason, secrets),
      at: new Date(at).toISOString(),
    };
    await Promise.all(
      notify.webhooks.map(async (hook) => {
        const request = requestFor(hook, notice);
        let detail: string;
        let ok = false;
        try {
          const response = await fetch(hook.url, {
            method: 'POST',
            headers: { ...request.headers, ...hook.headers },
            body: request.body,
            signal: AbortSignal.timeout(TIMEOUT_MS),
          });
          ok = response.ok;
          detail = `${response.status} from ${where(hook.url)}`;
          await response.body?.cancel();
        } catch (error) {
          detail = `${where(hook.url)}: ${redact((error as Error).message, [...secrets, hook.url])}`;
        }
        appendToNightJournal(runDir, {
          type: 'delivery',
          channel: `webhook:${hook.kind}`,
          ok,
          attempt: 1,
          detail: `urgent notice for ${agent} (${kind}): ${detail}`,
        });
        if (!ok) log.warn({ agent, kind, detail }, 'urgent webhook failed');
      }),
    );
  };
}
