import addressparser from 'nodemailer/lib/addressparser';

const MAILBOX = /^[^@\s<>]+@[^@\s<>]+$/;

/** Why an address field (`me@example.com`, `Me <me@example.com>`, comma-separated) cannot be sent to, parsed the way nodemailer parses it; undefined when every address is usable. */
export function addressProblem(text: string): string | undefined {
  const parsed = addressparser(text, { flatten: true });
  if (parsed.length === 0) return `no email address in ${JSON.stringify(text)}: write it like me@example.com`;
  const bad = parsed.filter((a) => !MAILBOX.test(a.address ?? ''));
  if (bad.length === 0) return undefined;
  const shown = bad.map((a) => JSON.stringify(a.address || a.name)).join(', ');
  return `not an email address: ${shown} (write it like me@example.com or "Me <me@example.com>")`;
}
