// Whether a word names something a shell could run on this machine: a builtin, a keyword, or a program on PATH.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** bash builtins and keywords: a sentence starting with one of these may run something. */
const BUILTINS = new Set(
  (
    'alias bg bind break builtin caller case cd command compgen complete compopt continue coproc declare dirs ' +
    'disown do done echo elif else enable esac eval exec exit export false fc fg fi for function getopts hash help ' +
    'history if in jobs kill let local logout mapfile popd printf pushd pwd read readarray readonly return select ' +
    'set shift shopt source suspend test then time times trap true type typeset ulimit umask unalias unset until ' +
    'wait while'
  ).split(' '),
);

const cache = new Map<string, boolean>();

/** True when `word` is a shell builtin or keyword, or an executable file in one of PATH's directories. */
export function programExists(word: string, path = process.env.PATH ?? ''): boolean {
  if (BUILTINS.has(word)) return true;
  const key = `${path}\n${word}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = path.split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, word)));
    if (cache.size > 1000) cache.clear();
    cache.set(key, found);
  }
  return found;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
