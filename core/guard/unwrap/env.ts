import { posix } from 'node:path';
import type { ProgramCheck } from '../invocation.js';
import type { Arg } from '../syntax/arg.js';

const WITH_VALUE = new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string', '-a', '--argv0']);

/** env: options (`-i`, `-u NAME`, `-C DIR`, `-S STRING`), then `NAME=value` assignments, then the command. */
const env: ProgramCheck = {
  programs: ['env', 'genv'],
  check(invocation, context) {
    const args = invocation.args;
    const variables = new Map(invocation.env);
    let cwd: string | undefined | null;
    let split: Arg | undefined;
    let index = 0;
    for (; index < args.length; index++) {
      const arg = args[index] as Arg;
      const [name, inline] = splitOption(arg.value);
      if (name === '--') {
        index++;
        break;
      }
      if (!name.startsWith('-') || name === '-') break;
      const value =
        inline !== undefined
          ? { ...arg, value: inline }
          : WITH_VALUE.has(name)
            ? args[++index]
            : attached(arg.value);
      if ((name === '-C' || name === '--chdir') && value)
        cwd = value.dynamic ? null : posix.resolve(invocation.cwd ?? '/', value.value);
      if ((name === '-S' || name === '--split-string' || name.startsWith('-S')) && value) split = value;
    }
    while (index < args.length && /^[A-Za-z_]\w*=/.test((args[index] as Arg).value)) {
      const [name = '', ...rest] = (args[index] as Arg).value.split('=');
      variables.set(name, rest.join('='));
      index++;
    }
    const command = args.slice(index);
    const options = { stdin: invocation.stdin, env: variables, ...(cwd !== undefined ? { cwd } : {}) };
    if (split) {
      const text = [split.value, ...command.map((arg) => arg.value)].join(' ');
      context.runScript(
        { ...split, value: text, dynamic: split.dynamic || command.some((arg) => arg.dynamic) },
        options,
      );
    } else if (command.length > 0) context.runCommand(command, options);
  },
};

function splitOption(value: string): [string, string | undefined] {
  const eq = value.indexOf('=');
  return value.startsWith('--') && eq > 0 ? [value.slice(0, eq), value.slice(eq + 1)] : [value, undefined];
}

/** `-uNAME`, `-Sstring`: a value glued to a short option. */
function attached(value: string): Arg | undefined {
  return /^-[uCSa]./.test(value)
    ? {
        value: value.slice(2),
        dynamic: false,
        glob: false,
        expanded: false,
        processSubstitution: false,
        substitutions: [],
      }
    : undefined;
}

export const envChecks: readonly ProgramCheck[] = [env];
