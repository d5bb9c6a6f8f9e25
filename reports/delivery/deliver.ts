import { writePrivateFile } from '../../core/files/private.js';
import { join } from 'node:path';
import type { CompiledReport, Config } from '../../core/index.js';
import { appendToNightJournal, journalAttempts } from './journal-attempts.js';
import { recipients, reportMessage } from './message.js';
import { Outbox, type OutboxAttempt, type OutboxItem, type OutboxState } from './outbox.js';
import { renderEml, smtpSender, type Sender } from './smtp-send.js';
import { parseSmtpUrl } from './smtp-settings.js';

/** What became of a report's delivery. */
export interface DeliveryOutcome {
  /** `written`: no SMTP server configured, the email is a .eml file next to the report */
  readonly state: OutboxState | 'written';
  readonly detail: string;
  /** the outbox item, when there is one */
  readonly id?: string;
  /** the .eml file, when written */
  readonly file?: string;
  /** when a pending delivery will be tried again */
  readonly nextAttemptAt?: string;
}

/** The config parts delivery reads. */
export type DeliveryConfig = Pick<Config, 'stateDir'> & { readonly report: Pick<Config['report'], 'email'> };

export interface DeliverOptions {
  readonly config: DeliveryConfig;
  /** the night's run directory: the .eml goes there, attempts are journaled there */
  readonly runDir: string;
  readonly now?: () => Date;
  /** replaces the SMTP sender (tests) */
  readonly send?: Sender;
  /** called after each attempt; default: journal it into the night's journal */
  readonly onAttempt?: (item: OutboxItem, attempt: OutboxAttempt) => void;
}

/** The outbox directory under the state dir. */
export function outboxDir(stateDir: string): string {
  return join(stateDir, 'outbox');
}

/** The sender for the configured SMTP URL, or the config problem that prevents sending. */
export function senderFor(config: DeliveryConfig): Sender | { error: string } | undefined {
  const smtp = config.report.email?.smtp;
  if (!smtp) return undefined;
  const settings = parseSmtpUrl(smtp);
  return 'error' in settings ? settings : smtpSender(settings);
}

/**
 * Delivers a compiled report by email. Without an SMTP URL the email is written as `report.eml`
 * next to the report. Otherwise it goes into the outbox first (so a crash cannot lose it), then is
 * sent once right away: a transient failure stays in the outbox for `flushOutbox` to retry with
 * backoff until `report.email.deadline`; a 5xx or a config problem is not retried. Every attempt
 * is journaled. Never throws for delivery problems: they are the outcome.
 */
export async function deliverReport(
  report: CompiledReport & { verdict?: string },
  options: DeliverOptions,
): Promise<DeliveryOutcome> {
  const now = options.now ?? (() => new Date());
  const email = options.config.report.email;
  const message = reportMessage(report, email, now());
  const onAttempt = options.onAttempt ?? journalAttempts;
  const sender = options.send ?? senderFor(options.config);
  if (sender === undefined) {
    const file = join(options.runDir, 'report.eml');
    writePrivateFile(file, await renderEml(message));
    appendToNightJournal(options.runDir, {
      type: 'delivery',
      channel: 'eml',
      ok: true,
      attempt: 1,
      detail: `no SMTP server configured: written to ${file}`,
    });
    return {
      state: 'written',
      detail: `no SMTP server configured (report.email.smtp): the email is ${file}`,
      file,
    };
  }
  if ('error' in sender) {
    appendToNightJournal(options.runDir, {
      type: 'delivery',
      channel: 'email',
      ok: false,
      attempt: 0,
      detail: `config: ${sender.error}`,
      retry: false,
    });
    return { state: 'failed', detail: sender.error };
  }
  const outbox = new Outbox(outboxDir(options.config.stateDir), { send: sender, now, onAttempt });
  const deadline = new Date(now().getTime() + (email?.deadline ?? 6 * 3_600_000));
  const item = outbox.enqueue({ night: report.night, runDir: options.runDir, message, deadline });
  const [result] = await outbox.flush({ ids: [item.id] });
  const final = result?.item ?? outbox.get(item.id) ?? item;
  const last = final.attempts.at(-1);
  return {
    state: final.state,
    detail: last ? describeAttempt(final.state, last.kind, last.detail) : 'queued',
    id: final.id,
    ...(final.state === 'pending' ? { nextAttemptAt: final.nextAttemptAt } : {}),
  };
}

/** The minimal logger flushOutbox reports to (pino fits). */
export interface OutboxLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Sends every due delivery in the outbox once, with the current config's SMTP settings; call it at
 * startup and periodically (every minute is plenty: items carry their own backoff). Attempts are
 * journaled into each item's night. Returns what happened to each item tried.
 */
export async function flushOutbox(
  config: DeliveryConfig,
  log?: OutboxLog,
  options: { now?: () => Date; send?: Sender } = {},
): Promise<{ id: string; state: OutboxState; detail: string }[]> {
  const sender = options.send ?? senderFor(config);
  const dir = outboxDir(config.stateDir);
  if (sender === undefined || 'error' in sender) {
    const waiting = new Outbox(dir, {
      send: async () => ({ ok: false, kind: 'config', detail: 'no sender', responseCode: undefined }),
    })
      .list()
      .filter((i) => i.state === 'pending');
    if (waiting.length > 0)
      log?.warn(
        { pending: waiting.length },
        `outbox has ${waiting.length} pending deliveries but ${sender ? sender.error : 'no SMTP server is configured'}`,
      );
    return [];
  }
  const outbox = new Outbox(dir, {
    send: sender,
    ...(options.now ? { now: options.now } : {}),
    onAttempt: journalAttempts,
  });
  const email = config.report.email;
  if (email) {
    const deadline = new Date((options.now?.() ?? new Date()).getTime() + email.deadline);
    for (const item of outbox.retarget(recipients(email), email.from, deadline))
      log?.info(
        { outbox: item.id, night: item.night },
        'queued report re-addressed to the configured recipients',
      );
  }
  const results = await outbox.flush();
  for (const r of results) {
    if (!r.attempt) continue;
    const entry = { outbox: r.id, night: r.item.night, state: r.state, attempt: r.item.attempts.length };
    if (r.attempt.ok) log?.info(entry, 'report delivered from the outbox');
    else log?.warn({ ...entry, detail: r.attempt.detail }, `report delivery failed (${r.attempt.kind})`);
  }
  return results.map((r) => ({
    id: r.id,
    state: r.state,
    detail: r.attempt ? describeAttempt(r.state, r.attempt.kind, r.attempt.detail) : r.state,
  }));
}

/** What an attempt means for a person: `kind: detail`, then whether it is sent, retried, or failed for good. */
function describeAttempt(state: OutboxState, kind: string, detail: string): string {
  if (state === 'sent') return `sent: ${detail}`;
  if (state === 'pending') return `${kind}: ${detail} (stays in the outbox and is retried)`;
  if (kind === 'permanent')
    return `permanent: ${detail} (refused for good, not retried: check report.email.to and from)`;
  if (kind === 'config') return `config: ${detail} (not retried until the SMTP settings are fixed)`;
  return `${kind}: ${detail} (${state})`;
}
