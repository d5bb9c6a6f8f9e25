import type { CheckContext, Invocation, ProgramCheck } from '../../../invocation.js';
import { isDynamic } from '../../../syntax/arg.js';
import { envRunsCode, renamedDeleter } from './rules.js';

// Environment that makes a program run other code (PS4 with xtrace, BASH_ENV, LD_PRELOAD, NODE_OPTIONS
// --require…), and deleting programs copied, linked, hashed or aliased under another name.

/** Path classes a preloaded library or startup file may come from without a person looking. */
const TRUSTED_CODE = new Set(['project-root', 'project-source', 'project-build', 'system']);

/** Programs that delete or overwrite whatever they are given. */
const DELETERS = /^(rm|unlink|rmdir|shred|srm|wipe|dd|truncate|wipefs|mkfs(\..+)?|mke2fs|rimraf|find|rsync)$/;

type Verdict = 'run' | 'untrusted' | undefined;

/** What one variable does to the program it is set for: runs shell text, or loads code from a path. */
function judgeVariable(name: string, value: string | undefined, context: CheckContext): Verdict {
  const path = (text: string): Verdict =>
    TRUSTED_CODE.has(context.classify(text).kind) ? undefined : 'untrusted';
  switch (name) {
    case 'PS4':
    case 'PS0':
    case 'PS1':
    case 'PS2':
    case 'PS3':
      // the substitutions in a prompt run every time it is printed (PS4: for every traced command)
      if (value === undefined) return 'untrusted';
      for (const match of value.matchAll(/\$\(([^()]*)\)|`([^`]*)`/g))
        context.runScript(match[1] ?? match[2] ?? '');
      return undefined;
    case 'PROMPT_COMMAND':
      return 'run';
    case 'BASH_ENV':
    case 'ENV':
    case 'ZDOTDIR':
    case 'PYTHONSTARTUP':
      return value === undefined || /[$`<]/.test(value) ? 'untrusted' : path(value);
    case 'LD_PRELOAD':
    case 'DYLD_INSERT_LIBRARIES':
      if (value === undefined) return 'untrusted';
      return value.split(/[:\s]+/).some((part) => part !== '' && path(part)) ? 'untrusted' : undefined;
    case 'LD_LIBRARY_PATH':
    case 'DYLD_LIBRARY_PATH':
    case 'PERL5LIB':
    case 'PYTHONPATH':
    case 'RUBYLIB':
    case 'NODE_PATH':
    case 'PATH':
      // a search path only matters when it points at a scratch directory anyone could have filled
      if (value === undefined) return undefined;
      return value.split(/[:\s]+/).some((part) => part !== '' && context.classify(part).kind === 'temp')
        ? 'untrusted'
        : undefined;
    case 'NODE_OPTIONS':
    case 'RUBYOPT':
    case 'PERL5OPT': {
      if (value === undefined) return 'untrusted';
      if (name === 'PERL5OPT' && /(^|\s)-[MmdI]/.test(value)) return 'untrusted';
      const loads = [
        ...value.matchAll(/(?:--require|--import|--loader|--experimental-loader|-r)[= ]?(\S+)/g),
      ];
      return loads.some((match) => path(match[1] as string)) ? 'untrusted' : undefined;
    }
    default:
      return undefined;
  }
}

/** Variables that are lists of directories searched for programs or libraries. */
const SEARCH_PATHS = /^(PATH|LD_LIBRARY_PATH|DYLD_LIBRARY_PATH|PERL5LIB|PYTHONPATH|RUBYLIB|NODE_PATH)$/;

/** The written-out directories of `NAME=a:$PATH` in the command text, without the run-time parts. */
function literalPart(name: string, text: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}=(?:'([^']*)'|"([^"]*)"|(\\S+))`).exec(text);
  const raw = match?.[1] ?? match?.[2] ?? match?.[3];
  return raw
    ?.split(':')
    .filter((part) => part !== '' && !part.includes('$'))
    .join(':');
}

function judgeEnvironment(
  variables: Iterable<[string, string | undefined]>,
  invocation: Invocation,
  context: CheckContext,
): void {
  for (const [name, known] of variables) {
    // a search path with a run-time part (`/tmp/x:$PATH`) is judged by the parts written out
    const value = known ?? (SEARCH_PATHS.test(name) ? literalPart(name, invocation.text) : undefined);
    const verdict = judgeVariable(name, value, context);
    if (!verdict) continue;
    if (name === 'PROMPT_COMMAND' && value !== undefined) context.runScript(value);
    else context.report(envRunsCode, `${name}=${value ?? '$…'} ${invocation.program}`);
  }
}

const environment: ProgramCheck = {
  programs: ['*'],
  check(invocation, context) {
    if (invocation.env.size > 0) judgeEnvironment(invocation.env, invocation, context);
  },
};

/** `export NAME=value` sets it for every later command of the shell. */
const exported: ProgramCheck = {
  programs: ['export', 'declare', 'typeset', 'setenv'],
  check(invocation, context) {
    const pairs: [string, string | undefined][] = [];
    for (const arg of invocation.args) {
      const eq = arg.value.indexOf('=');
      if (eq > 0)
        pairs.push([
          arg.value.slice(0, eq),
          arg.dynamic || isDynamic(arg.value) ? undefined : arg.value.slice(eq + 1),
        ]);
    }
    judgeEnvironment(pairs, invocation, context);
  },
};

/** The program a source path or `$(which rm)` names, if it is a deleter. */
function deleterNamed(value: string, substitutions: readonly string[]): string | undefined {
  for (const text of substitutions) {
    const match = /\b(?:which|command\s+-v|type\s+-p|whereis)\s+([\w.-]+)/.exec(text);
    if (match && DELETERS.test(match[1] as string)) return match[1];
  }
  const base = value.slice(value.lastIndexOf('/') + 1);
  return value.includes('/') && DELETERS.test(base) ? base : undefined;
}

/** cp, ln and install of a deleting program to another name: a later `ls` or `cat` would delete. */
const renamedCopies: ProgramCheck = {
  programs: ['cp', 'ln', 'install', 'ditto', 'rsync', 'mv'],
  check(invocation, context) {
    const operands = invocation.args.filter((arg) => !arg.value.startsWith('-') || arg.dynamic);
    if (operands.length < 2) return;
    const target = operands[operands.length - 1]?.value ?? '';
    const targetName = target.slice(target.lastIndexOf('/') + 1);
    for (const source of operands.slice(0, -1)) {
      const deleter = deleterNamed(source.value, source.substitutions);
      if (deleter && targetName !== '' && targetName !== deleter && !target.endsWith('/'))
        context.report(renamedDeleter);
    }
  },
};

/** `hash -p /bin/rm ls` makes `ls` run rm; `alias ls='rm -rf'` does the same for the rest of the session. */
const renamedNames: ProgramCheck = {
  programs: ['hash', 'alias'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    if (invocation.program === 'hash') {
      const at = values.indexOf('-p');
      const path = values[at + 1];
      const name = values[at + 2];
      if (at >= 0 && path && name && deleterNamed(path, []) !== undefined && !path.endsWith(`/${name}`))
        context.report(renamedDeleter);
      return;
    }
    for (const value of values) {
      const match = /^([^=]+)=\s*(\S+)/.exec(value);
      if (!match) continue;
      const program = (match[2] as string).replace(/^.*\//, '');
      if (DELETERS.test(program) && match[1] !== program) context.report(renamedDeleter);
    }
  },
};

export const environmentChecks: readonly ProgramCheck[] = [
  environment,
  exported,
  renamedCopies,
  renamedNames,
];
