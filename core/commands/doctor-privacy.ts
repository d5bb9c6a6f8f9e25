// doctor's privacy check: the state dir, the nights in it and a config holding literal secrets must not be readable
// by others (DESIGN.md invariant 9). Each finding names the command that fixes it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../../config/load.js';
import { SECRET_PATTERNS } from '../../reports/redact-patterns.js';
import { loosePaths, octal } from '../files/private.js';
import { shellQuote } from '../tmux/quote.js';
import { line, type DoctorCheck } from './doctor/types.js';

/** One line of `nightshift doctor`. */
export interface PrivacyCheck {
  readonly name: 'privacy';
  readonly ok: boolean;
  readonly detail: string;
}

/** Checks the state dir, its nights and the config file for modes that let others read what they hold. */
export function privacyCheck(loaded: LoadedConfig): PrivacyCheck {
  const { stateDir } = loaded.config;
  const problems: string[] = [];
  const fix = `chmod -R go-rwx ${shellQuote(stateDir)}`;
  const dirMode = modeOf(stateDir);
  if (dirMode !== undefined && dirMode & 0o077)
    problems.push(`the state dir ${stateDir} is ${octal(dirMode)}, readable by others: run \`${fix}\``);
  const nights = join(stateDir, 'nights');
  const loose = existsSync(nights) ? loosePaths(nights) : [];
  if (loose.length)
    problems.push(
      `${loose.length} path(s) of past nights can be read by others (e.g. ${loose[0]!.path} ${octal(loose[0]!.mode)}): run \`${fix}\``,
    );
  const file = loaded.filepath;
  const fileMode = file ? modeOf(file) : undefined;
  if (file && fileMode !== undefined && fileMode & 0o044) {
    const kind = literalSecret(readFileSync(file, 'utf8'));
    if (kind)
      problems.push(
        `the config ${file} holds a literal secret (${kind}) and is ${octal(fileMode)}: run \`chmod 600 ${shellQuote(file)}\`, or better write it as a \${VAR} reference and export the variable`,
      );
  }
  if (problems.length) return { name: 'privacy', ok: false, detail: problems.join('; ') };
  return { name: 'privacy', ok: true, detail: `${stateDir} is private (0700, files 0600)` };
}

/** The kind of the first secret written out in a config's text; `${VAR}` references are not secrets. */
export function literalSecret(text: string): string | undefined {
  const literal = text.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}/g, '');
  for (const { kind, pattern } of SECRET_PATTERNS) {
    pattern.lastIndex = 0;
    const found = pattern.test(literal);
    pattern.lastIndex = 0;
    if (found) return kind;
  }
  return undefined;
}

function modeOf(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** The check as doctor runs it: skipped without a valid config (the config check says why). */
export const privacyDoctorCheck: DoctorCheck = {
  name: 'privacy',
  run: ({ loaded }) => {
    if (!loaded) return [];
    const check = privacyCheck(loaded);
    return [line('privacy', check.ok ? 'ok' : 'fail', check.detail)];
  },
};
