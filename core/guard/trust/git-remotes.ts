import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// The remotes a project's git config names, read from disk: once to learn which remotes the project had
// when the guard first looked (those are trusted), and again whenever the config file changes.

/** Remote name → its URLs (`url` and `pushurl`). */
export type Remotes = ReadonlyMap<string, readonly string[]>;

/** The git config file of the repository holding `dir` (worktrees share the main repository's), if any. */
export function gitConfigFile(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const dotGit = join(at, '.git');
    const stat = statOrUndefined(dotGit);
    if (stat?.isDirectory()) return join(dotGit, 'config');
    if (stat?.isFile()) {
      const pointer = /^gitdir:\s*(.+)$/m.exec(readOrEmpty(dotGit))?.[1]?.trim();
      if (!pointer) return undefined;
      const gitDir = resolve(at, pointer);
      const common = readOrEmpty(join(gitDir, 'commondir')).trim();
      return join(common ? resolve(gitDir, common) : gitDir, 'config');
    }
    if (dirname(at) === at) return undefined;
  }
}

/** The `[remote "name"]` sections of a git config text. */
export function parseRemotes(text: string): Remotes {
  const remotes = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const section = /^\s*\[\s*([^\]\s"]+)(?:\s+"([^"]*)")?\s*\]/.exec(line);
    if (section) {
      const name = section[2];
      current = section[1]?.toLowerCase() === 'remote' && name !== undefined ? [] : undefined;
      if (current && name !== undefined) remotes.set(name, current);
      continue;
    }
    const entry = /^\s*(url|pushurl)\s*=\s*(.*?)\s*$/i.exec(line);
    if (current && entry?.[2]) current.push(entry[2].replace(/^"(.*)"$/, '$1'));
  }
  return remotes;
}

/** A project's remotes: those it had when first read, and those it has now. */
export class RemoteBook {
  private first: Remotes | undefined;
  private current: { remotes: Remotes; mtime: number } | undefined;

  constructor(private readonly file: string | undefined) {}

  /** The remotes when the guard first looked: a remote added later (by an agent) is not among them. */
  original(): Remotes {
    this.first ??= this.now();
    return this.first;
  }

  /** The remotes now, re-read when the config file changed. */
  now(): Remotes {
    if (!this.file) return new Map();
    const mtime = Number(statOrUndefined(this.file)?.mtimeMs ?? -1);
    let current = this.current;
    if (!current || current.mtime !== mtime) {
      current = { remotes: parseRemotes(readOrEmpty(this.file)), mtime };
      this.current = current;
    }
    this.first ??= current.remotes;
    return current.remotes;
  }
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
