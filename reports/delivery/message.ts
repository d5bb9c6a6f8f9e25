import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { CompiledReport, Config } from '../../core/index.js';

/** An email as stored in the outbox: plain data, no credentials. */
export interface OutboxMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** `<uuid@nightshift>`: the same on every retry, so a duplicate is recognisable */
  readonly messageId: string;
  readonly date: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly attachments: readonly {
    readonly filename: string;
    readonly content: string;
    readonly contentType: string;
  }[];
}

type EmailConfig = NonNullable<Config['report']['email']>;

/** Who sends to whom when no email is configured (the .eml file still needs addresses). */
function fallbackAddress(): string {
  let user = 'nightshift';
  try {
    user = userInfo().username || user;
  } catch {
    // no user name (containers): keep the default
  }
  return `${user}@${hostname() || 'localhost'}`;
}

/** The configured recipients as a list. */
export function recipients(email: EmailConfig): string[] {
  return Array.isArray(email.to) ? [...(email.to as string[])] : [email.to as string];
}

/** The report as an email: HTML and its plain-text alternative, report.md attached, a status header for filters. */
export function reportMessage(
  report: CompiledReport & { verdict?: string },
  email: EmailConfig | undefined,
  now: Date,
): OutboxMessage {
  const to = email ? recipients(email) : [fallbackAddress()];
  return {
    from: email?.from ?? `nightshift <${fallbackAddress()}>`,
    to,
    subject: report.subject,
    text: report.text,
    html: report.html,
    messageId: `<${randomUUID()}@nightshift>`,
    date: now.toUTCString(),
    headers: { 'X-Nightshift-Status': report.verdict ?? 'unknown', 'X-Nightshift-Night': report.night },
    attachments: [
      { filename: 'report.md', content: report.markdown, contentType: 'text/markdown; charset=utf-8' },
    ],
  };
}
