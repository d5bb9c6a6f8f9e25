import { scanCode } from '../analyzers/code-facts.js';
import { parseFlags, type FlagSpec } from '../flags/parse-flags.js';
import type { CheckContext, Invocation, ProgramCheck } from '../invocation.js';
import { interpreterDelete } from '../rules/packs/fs/rules.js';
import { reportWrite } from '../rules/packs/fs/writes.js';
import {
  interpreterCode,
  interpreterRemoteCode,
  NETWORK_FETCHERS,
  remoteInstaller,
  reportIfWritten,
} from '../rules/packs/rce.js';
import { judgeCodeFlow } from '../rules/packs/egress/exposure.js';
import { reportSecretRead } from '../rules/packs/secrets.js';
import { judgeSql } from '../rules/packs/db/clients.js';
import { killAll } from '../rules/packs/system.js';
import type { Arg } from '../syntax/arg.js';

/** Standard modules a one-liner imports: strings that name no file. */
const MODULE_NAME = /^(node:)?(fs|fs\/promises|os|path|child_process|process|util)$/;

/** A string literal that is SQL a driver would run (`cursor.execute('DROP TABLE users')`). */
const SQL_TEXT =
  /^\s*(select|insert|update|delete|drop|truncate|alter|create|grant|revoke|copy|do|with|merge|replace)\s/i;
import { isStdinName, judgeScriptFile, judgeStdinCode } from './shells.js';

// Interpreters (python, node, ruby, perl, php…): a one-liner is scanned; a script file runs project code;
// code read from a pipe is refused like a shell's.

interface Interpreter {
  readonly flags: FlagSpec;
  /** options whose value is code (`-c`, `-e`, `--eval`) */
  readonly codeOptions: readonly string[];
  /** options after which the operands are not a script (`-m module`) */
  readonly moduleOptions?: readonly string[];
}

const PYTHON: Interpreter = {
  flags: { shortWithValue: 'cmWXQ', stopAtOperand: true },
  codeOptions: ['c'],
  moduleOptions: ['m'],
};
const NODE: Interpreter = {
  flags: {
    shortWithValue: 'eprC',
    longWithValue: [
      'eval',
      'print',
      'require',
      'import',
      'input-type',
      'conditions',
      'loader',
      'experimental-loader',
      'env-file',
    ],
    aliases: { eval: 'e', print: 'p' },
    stopAtOperand: true,
  },
  codeOptions: ['e', 'p'],
};
const RUBY: Interpreter = { flags: { shortWithValue: 'eIrCEF', stopAtOperand: true }, codeOptions: ['e'] };
const PERL: Interpreter = {
  // -x and -l take their value attached (`-xdir`, `-l0`): a separate word is the script
  flags: { shortWithValue: 'eEIMm', stopAtOperand: true },
  codeOptions: ['e', 'E'],
};
const PHP: Interpreter = {
  flags: { shortWithValue: 'rBERFcdzt', stopAtOperand: true },
  codeOptions: ['r', 'B', 'E', 'R', 'F'],
};
const SIMPLE_E: Interpreter = { flags: { shortWithValue: 'el', stopAtOperand: true }, codeOptions: ['e'] };

const INTERPRETERS: Readonly<Record<string, Interpreter>> = {
  python: PYTHON,
  python2: PYTHON,
  python3: PYTHON,
  pypy: PYTHON,
  pypy3: PYTHON,
  node: NODE,
  nodejs: NODE,
  bun: { ...NODE, codeOptions: ['e', 'p'] },
  ruby: RUBY,
  perl: PERL,
  php: PHP,
  lua: SIMPLE_E,
  luajit: SIMPLE_E,
  rscript: SIMPLE_E,
  osascript: SIMPLE_E,
  tclsh: SIMPLE_E,
  julia: {
    flags: {
      shortWithValue: 'eEpLJ',
      longWithValue: ['eval', 'print', 'load', 'project'],
      aliases: { eval: 'e', print: 'E' },
      stopAtOperand: true,
    },
    codeOptions: ['e', 'E'],
  },
  elixir: {
    flags: {
      shortWithValue: 'er',
      longWithValue: ['eval', 'require'],
      aliases: { eval: 'e' },
      stopAtOperand: true,
    },
    codeOptions: ['e'],
  },
  groovy: SIMPLE_E,
  tsx: NODE,
  'ts-node': NODE,
  'ts-node-esm': NODE,
  'babel-node': NODE,
  powershell: {
    flags: {
      shortWithValue: 'cfe',
      longWithValue: ['command', 'file', 'encodedcommand'],
      stopAtOperand: true,
    },
    codeOptions: ['c', 'command'],
  },
  pwsh: {
    flags: {
      shortWithValue: 'cfe',
      longWithValue: ['command', 'file', 'encodedcommand'],
      singleDashLong: false,
      stopAtOperand: true,
    },
    codeOptions: ['c', 'command'],
  },
};

/** `python3.12` → `python3`. */
function family(program: string): string {
  return program.replace(/^(python[23]?|pypy3?)\.\d+$/, '$1');
}

/** Judges one snippet of code: deletes, commands, code from the network, writes and secrets in its strings. */
export function judgeCode(code: Arg, invocation: Invocation, context: CheckContext): void {
  if (code.dynamic) {
    const downloaded = [...context.substitutionPrograms(code)].some((program) =>
      NETWORK_FETCHERS.has(program),
    );
    context.report(downloaded ? interpreterRemoteCode : interpreterCode);
  }
  const facts = scanCode(code.value);
  // module names (`require('fs')`, `import('node:fs/promises')`) are not paths
  const words = facts.strings.filter((text) => text !== '' && !/\s/.test(text) && !MODULE_NAME.test(text));
  const pathLike = words.filter((text) => /^[~/.]|\//.test(text));
  const underHome = facts.home
    ? pathLike.filter((text) => /^\/?\./.test(text)).map((text) => `~/${text.replace(/^\//, '')}`)
    : [];
  const paths = [...pathLike, ...underHome].map((text) => context.classify(text));
  if (facts.deletes) {
    const targets = words.map((text) => context.classify(text));
    const outside = paths.some((path) => !['project-build', 'temp', 'project-source'].includes(path.kind));
    const wide = outside || facts.home;
    const safe =
      targets.length > 0 && targets.every((path) => path.kind === 'project-build' || path.kind === 'temp');
    if (wide) context.report(interpreterDelete);
    else if (!safe) context.report(interpreterCode);
  }
  // a move of the home directory, a system path or the project away is a delete; a rename inside is an edit
  const movesTree = words.some((text) => {
    const kind = context.classify(text).kind;
    return (
      kind === 'project-root' || kind === 'project-vcs' || (kind === 'project-source' && !text.includes('.'))
    );
  });
  if (
    facts.moves &&
    (facts.home ||
      paths.some((path) => !['project-build', 'temp', 'project-source'].includes(path.kind)) ||
      (movesTree && paths.some((path) => path.kind === 'temp')))
  )
    context.report(interpreterDelete);
  if (facts.killsAll) context.report(killAll);
  for (const text of facts.strings) if (SQL_TEXT.test(text)) judgeSql(text, context);
  if (facts.runsCommands) {
    context.report(interpreterCode);
    for (const text of [...facts.shellStrings, ...facts.strings, facts.strings.join(' ')]) {
      if (text.trim()) context.runScript(text);
    }
  }
  if (facts.runsCode) context.report(facts.network ? interpreterRemoteCode : interpreterCode);
  if (facts.writes) for (const path of paths) reportWrite(path, invocation.text, context);
  // `require('/tmp/x.js')`, `exec(open('/tmp/x.py').read())`: a script file the line wrote, loaded by name
  for (const [index, path] of paths.entries()) {
    if (CODE_FILE.test(pathLike[index] ?? '')) reportIfWritten(path, invocation.text, context);
  }
  for (const path of paths) reportSecretRead(path, invocation.text, context);
  if (facts.network) context.noteNetworkSend(invocation.text);
  judgeCodeFlow(code.value, facts.network, context);
}

/** A file name that is a program's source (a one-liner naming one loads or runs it). */
const CODE_FILE = /\.(js|mjs|cjs|ts|mts|cts|py|rb|pl|pm|php|lua|sh|bash|zsh|r|jl|exs?|groovy|ps1)$/i;

const interpreter: ProgramCheck = {
  programs: [
    ...Object.keys(INTERPRETERS),
    'python3.8',
    'python3.9',
    'python3.10',
    'python3.11',
    'python3.12',
    'python3.13',
    'deno',
  ],
  check(invocation, context) {
    if (invocation.program === 'deno') return judgeDeno(invocation, context);
    const spec = INTERPRETERS[family(invocation.program)];
    if (!spec) return;
    const args =
      invocation.program === 'bun' && invocation.args[0]?.value === 'eval'
        ? invocation.args.slice(1)
        : invocation.args;
    // PowerShell's options are case-insensitive single-dash words (`-Command`, `-EncodedCommand`)
    const normalized = /^(pwsh|powershell)$/.test(invocation.program)
      ? args.map((arg) =>
          /^-(c|command|e|encodedcommand|f|file)$/i.test(arg.value)
            ? { ...arg, value: `-${arg.value[1]?.toLowerCase()}` }
            : arg,
        )
      : args;
    const parsed = parseFlags(normalized, spec.flags);
    const code = spec.codeOptions.flatMap((option) => parsed.values.get(option) ?? []);
    // code loaded before the script (`node -r /tmp/x.js`, `ruby -r ./x.rb`)
    for (const option of ['r', 'require', 'import', 'loader', 'experimental-loader']) {
      for (const file of parsed.values.get(option) ?? []) {
        if (!file.dynamic) reportIfWritten(context.classify(file), invocation.text, context);
      }
    }
    if (invocation.program === 'bun' && args === invocation.args && code.length === 0) return;
    for (const snippet of code) judgeCode(snippet, invocation, context);
    if (code.length > 0 || spec.moduleOptions?.some((option) => parsed.values.has(option))) return;
    const [script] = parsed.operands;
    if (script && !isStdinName(script)) judgeScriptFile(script, invocation, context);
    else
      judgeStdinCode(invocation.stdin, invocation, context, (text) => judgeCode(text, invocation, context));
  },
};

/** deno eval CODE; deno run URL runs code straight from the network. */
function judgeDeno(invocation: Invocation, context: CheckContext): void {
  const [verb, ...rest] = invocation.args;
  const operands = rest.filter((arg) => !arg.value.startsWith('-'));
  if (verb?.value === 'eval' && operands[0]) judgeCode(operands[0], invocation, context);
  if (verb?.value === 'run' && operands[0] && /^https?:/.test(operands[0].value))
    context.report(remoteInstaller);
}

/** awk runs its program text; `system()` and pipes to commands run shell text. */
const awk: ProgramCheck = {
  programs: ['awk', 'gawk', 'mawk', 'nawk'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, {
      shortWithValue: 'fvFE',
      longWithValue: ['file', 'assign', 'field-separator', 'source'],
    });
    const program =
      parsed.values.get('source')?.[0] ?? (parsed.values.has('f') ? undefined : parsed.operands[0]);
    if (!program) return;
    const facts = scanCode(program.value);
    if (/\bsystem\s*\(|\|\s*getline|print[^;]*\|\s*"/.test(program.value)) {
      context.report(interpreterCode);
      for (const text of facts.strings) if (text.trim()) context.runScript(text);
    }
  },
};

export const interpreterChecks: readonly ProgramCheck[] = [interpreter, awk];
