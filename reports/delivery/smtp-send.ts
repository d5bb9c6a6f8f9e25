import nodemailer from 'nodemailer';
import { classifySendError, type SendFailureKind } from './classify-error.js';
import type { OutboxMessage } from './message.js';
import type { SmtpSettings } from './smtp-settings.js';

/** The outcome of one send attempt. */
export type SendOutcome =
  | { readonly ok: true; readonly response: string; readonly messageId: string }
  | {
      readonly ok: false;
      readonly kind: SendFailureKind;
      readonly detail: string;
      readonly responseCode: number | undefined;
    };

/** Sends a message, as data: never throws. */
export type Sender = (message: OutboxMessage) => Promise<SendOutcome>;

/** Timeouts in seconds, not nodemailer's minutes: a 6 a.m. job must fail fast and retry later. */
const TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
  dnsTimeout: 10_000,
};

/**
 * A sender over SMTP: STARTTLS required except on loopback (where a local relay may not offer
 * it, and its certificate is not checked), certificates verified everywhere else, short timeouts,
 * one connection per message (no pool).
 */
export function smtpSender(settings: SmtpSettings): Sender {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTLS,
    ...(settings.auth ? { auth: { user: settings.auth.user, pass: settings.auth.pass } } : {}),
    tls: settings.loopback
      ? { rejectUnauthorized: false }
      : { rejectUnauthorized: true, servername: settings.host },
    ...TIMEOUTS,
    logger: false,
    debug: false,
  });
  return async (message) => {
    try {
      const info = await transport.sendMail(mailOptions(message));
      return {
        ok: true,
        response: String(info.response ?? ''),
        messageId: String(info.messageId ?? message.messageId),
      };
    } catch (error) {
      const c = classifySendError(error);
      return { ok: false, kind: c.kind, detail: c.detail, responseCode: c.responseCode };
    }
  };
}

/** The message as an RFC 822 file (for `.eml` output when no SMTP server is configured). */
export async function renderEml(message: OutboxMessage): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail(mailOptions(message));
  return info.message as Buffer;
}

/** An outbox message as nodemailer's mail options (the same for SMTP and for `.eml` files). */
function mailOptions(message: OutboxMessage) {
  return {
    from: message.from,
    to: [...message.to],
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    date: new Date(message.date),
    headers: { ...message.headers },
    attachments: message.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
  };
}
