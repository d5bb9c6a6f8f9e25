import { parseFlags, type FlagSpec } from '../flags/parse-flags.js';
import type { ProgramCheck } from '../invocation.js';
import { remoteInstaller } from '../rules/packs/rce.js';
import type { Arg } from '../syntax/arg.js';

// Package and environment runners: `npx pkg`, `uv run cmd`, `bundle exec cmd`… run the program they name.

interface Runner {
  readonly names: readonly string[];
  /** subcommands that run a program (`npm exec`, `uv run`); none: the runner always does (`npx`) */
  readonly subcommands?: RegExp;
  readonly flags: FlagSpec;
  /** options whose value is shell text (`npx -c 'cmd'`) */
  readonly scriptOptions?: readonly string[];
}

const RUNNERS: readonly Runner[] = [
  {
    names: ['npx', 'pnpx'],
    flags: { shortWithValue: 'pc', longWithValue: ['package', 'call', 'node-options', 'shell'] },
    scriptOptions: ['c', 'call'],
  },
  {
    names: ['bunx', 'uvx'],
    flags: { shortWithValue: 'p', longWithValue: ['package', 'from', 'with', 'python'] },
  },
  {
    names: ['npm'],
    subcommands: /^(exec|x)$/,
    flags: { shortWithValue: 'pcw', longWithValue: ['package', 'call', 'workspace'] },
    scriptOptions: ['c', 'call'],
  },
  {
    names: ['pnpm'],
    subcommands: /^(exec|dlx)$/,
    flags: { shortWithValue: 'pcC', longWithValue: ['package', 'filter', 'dir'] },
    scriptOptions: ['c'],
  },
  {
    names: ['yarn'],
    subcommands: /^(exec|dlx)$/,
    flags: { shortWithValue: 'p', longWithValue: ['package', 'cwd'] },
  },
  { names: ['bun'], subcommands: /^x$/, flags: { longWithValue: ['cwd'] } },
  {
    names: ['uv'],
    subcommands: /^(run|tool run)$/,
    flags: {
      longWithValue: [
        'with',
        'python',
        'from',
        'project',
        'directory',
        'env-file',
        'package',
        'extra',
        'group',
      ],
    },
  },
  {
    names: ['pipx'],
    subcommands: /^run$/,
    flags: { longWithValue: ['spec', 'python', 'index-url', 'pip-args'] },
  },
  {
    names: ['poetry', 'pipenv', 'pdm', 'hatch', 'rye'],
    subcommands: /^run$/,
    flags: { shortWithValue: 'C', longWithValue: ['directory', 'project'] },
  },
  {
    names: ['conda', 'mamba', 'micromamba'],
    subcommands: /^run$/,
    flags: { shortWithValue: 'np', longWithValue: ['name', 'prefix', 'cwd'] },
  },
  { names: ['bundle'], subcommands: /^exec$/, flags: { longWithValue: ['gemfile'] } },
  {
    names: ['nix'],
    subcommands: /^(develop|shell)$/,
    flags: { shortWithValue: 'c', longWithValue: ['command'] },
    scriptOptions: [],
  },
];

/** `pkg@1.2.3` → `pkg`, `@scope/pkg@x` → `@scope/pkg`. */
function withoutVersion(arg: Arg): Arg {
  const value = arg.value.replace(/(.)@[^/@]*$/, '$1');
  return { ...arg, value };
}

const runnerChecks: ProgramCheck[] = RUNNERS.map((runner) => ({
  programs: runner.names,
  check(invocation, context) {
    let args = invocation.args;
    if (runner.subcommands) {
      const words = args.map((arg) => arg.value);
      const one = words[0] ?? '';
      const two = words.slice(0, 2).join(' ');
      if (runner.subcommands.test(two)) args = args.slice(2);
      else if (runner.subcommands.test(one)) args = args.slice(1);
      else return;
    }
    if (invocation.program === 'nix') {
      const dashC = args.findIndex((arg) => arg.value === '-c' || arg.value === '--command');
      if (dashC >= 0) context.runCommand(args.slice(dashC + 1), { stdin: invocation.stdin });
      return;
    }
    const parsed = parseFlags(args, { ...runner.flags, stopAtOperand: true });
    for (const option of runner.scriptOptions ?? []) {
      for (const script of parsed.values.get(option) ?? []) context.runScript(script);
    }
    const [program, ...rest] = parsed.operands;
    if (!program) return;
    if (/^(https?:|github:|git\+|gist:)/.test(program.value)) {
      context.report(remoteInstaller);
      return;
    }
    context.runCommand([withoutVersion(program), ...rest], { stdin: invocation.stdin, env: invocation.env });
  },
}));

export { runnerChecks };
