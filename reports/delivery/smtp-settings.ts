// SMTP settings from an `smtp://` / `smtps://` URL: TLS required for every host but loopback.
import { isIP } from 'node:net';

/** How to reach the SMTP server. Credentials live only in memory (they come from the environment). */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** implicit TLS (smtps://, port 465) */
  readonly secure: boolean;
  /** refuse to send without STARTTLS (every host but loopback) */
  readonly requireTLS: boolean;
  readonly loopback: boolean;
  readonly auth: { readonly user: string; readonly pass: string } | undefined;
}

/** A configuration problem: retrying will not help. */
export interface SmtpConfigError {
  readonly error: string;
}

/** Whether `host` is this machine: 127.0.0.0/8, ::1 or localhost. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || h.startsWith('::ffff:127.');
  return false;
}

/** Parses `smtp://user:pass@host:587` or `smtps://…:465`; the error names the problem without echoing the password. */
export function parseSmtpUrl(url: string): SmtpSettings | SmtpConfigError {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { error: 'report.email.smtp is not a URL: write smtp://user:password@host:587 or smtps://…:465' };
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:')
    return { error: `report.email.smtp must start with smtp:// or smtps://, not ${u.protocol}//` };
  if (!u.hostname) return { error: 'report.email.smtp has no host' };
  const secure = u.protocol === 'smtps:';
  const port = u.port ? Number(u.port) : secure ? 465 : 587;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const loopback = isLoopback(host);
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  return {
    host,
    port,
    secure,
    requireTLS: !secure && !loopback,
    loopback,
    auth: user ? { user, pass } : undefined,
  };
}
