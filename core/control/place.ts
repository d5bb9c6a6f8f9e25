// Where a night's control endpoint lives: the socket and `control.json` (socket path + secret) in the state directory.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The file, beside the socket in the state directory, that tells clients where to connect and with which secret. */
export function endpointFile(stateDir: string): string {
  return join(stateDir, 'control.json');
}

/** The longest Unix socket path Linux and macOS accept (sun_path less its NUL). */
const MAX_SOCKET_PATH = 103;

/**
 * The socket's path: `<stateDir>/control.sock`, or, when that path is too long for a Unix socket, a short one in a
 * private directory of ours under the temp dir, named by a hash of the state directory.
 */
export function socketPathFor(stateDir: string): string {
  const inState = join(stateDir, 'control.sock');
  if (Buffer.byteLength(inState) <= MAX_SOCKET_PATH) return inState;
  const dir = join(tmpdir(), `nightshift-${process.getuid?.() ?? 'user'}`);
  ensureOwnPrivateDir(dir);
  const name = createHash('sha256').update(stateDir).digest('hex').slice(0, 16);
  return join(dir, `${name}.sock`);
}

/** Makes `dir` 0700, refusing one that is a symlink or belongs to someone else (a shared temp dir). */
function ensureOwnPrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid))
    throw new Error(`${dir} is not a directory of this user: remove it, or use a shorter stateDir`);
  if (stat.mode & 0o077) chmodSync(dir, 0o700);
}
