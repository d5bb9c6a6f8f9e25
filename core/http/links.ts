// One-time login links (`nightshift http link`): the CLI writes a code's hash into the state directory; the endpoint
// accepts the code once, before it expires, and sets the session cookie. Nothing secret is written: only a hash.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir, writePrivateFile } from '../files/private.js';

/** How long a printed link works. */
export const LINK_TTL_MS = 10 * 60_000;

/** Where the codes' hashes wait to be used. */
function linksDir(stateDir: string): string {
  return join(stateDir, 'http', 'links');
}

const CODE = /^[0-9a-f]{64}$/;

function hashOf(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** A fresh one-time code, valid for LINK_TTL_MS; expired codes left by earlier links are removed. */
export function createLinkCode(stateDir: string, now = new Date()): string {
  const dir = linksDir(stateDir);
  makePrivateDir(dir);
  removeExpired(dir, now);
  const code = randomBytes(32).toString('hex');
  writePrivateFile(join(dir, hashOf(code)), JSON.stringify({ expires: now.getTime() + LINK_TTL_MS }));
  return code;
}

/** True once for a code the CLI made and that has not expired; the code is spent either way. */
export function consumeLinkCode(stateDir: string, code: string, now = new Date()): boolean {
  if (!CODE.test(code)) return false;
  const file = join(linksDir(stateDir), hashOf(code));
  let expires: number;
  try {
    expires = (JSON.parse(readFileSync(file, 'utf8')) as { expires: number }).expires;
  } catch {
    return false;
  }
  try {
    rmSync(file);
  } catch {
    return false; // spent by a request racing this one
  }
  return typeof expires === 'number' && now.getTime() < expires;
}

function removeExpired(dir: string, now: Date): void {
  for (const name of readdirSync(dir)) {
    try {
      const { expires } = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { expires: number };
      if (!(expires > now.getTime())) rmSync(join(dir, name));
    } catch {
      rmSync(join(dir, name), { force: true });
    }
  }
}
