import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { resolvePath } from '../../../config/paths.js';
import { absolute, field, rawAgents, text } from './raw.js';
import { error, warning, type CheckProblem, type ConfigCheck } from './types.js';

/** Characters that make a command line a shell program rather than one program with arguments. */
const SHELL_SYNTAX = /[|&;<>()$`\\*?[\]{}!]|^\s*(?:if|for|while|until|case|function)\b/;
/** Shell builtins that can start an agent but are no program to look up. */
const BUILTINS = new Set(['exec', 'eval', 'source', '.', 'cd', 'export', 'command', 'builtin', 'set']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The program a simple command line runs (`FOO=1 claude --continue` → `claude`), or why it cannot be told. */
export function programOf(command: string): { program: string } | { construct: string } {
  if (SHELL_SYNTAX.test(command)) return { construct: 'it uses shell syntax' };
  const words = command.trim().match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const first = words.find((w) => !ASSIGNMENT.test(w));
  if (!first) return { construct: 'it only sets variables' };
  const program = first.replace(/^(["'])(.*)\1$/, '$2');
  if (BUILTINS.has(program)) return { construct: `"${program}" is a shell builtin` };
  return { program };
}

/** Where `program` is found on `path` (or as a path relative to `cwd`), or undefined. */
export function findProgram(program: string, path: string, cwd: string): string | undefined {
  const candidates = program.includes('/')
    ? [program.startsWith('/') || program.startsWith('~/') ? resolvePath(program, cwd) : join(cwd, program)]
    : path
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, program));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** Every agent's `command` and `resume` names a program that is installed (an error), or is a shell construct nobody can check (a warning). */
export const agentCommandsCheck: ConfigCheck = {
  name: 'agent programs',
  startsAgents: true,
  run(draft, env) {
    const problems: CheckProblem[] = [];
    for (const { index, agent } of rawAgents(draft)) {
      const agentEnv = field(agent, 'env');
      const pathVar = text(agentEnv, 'PATH') ?? env.PATH ?? '';
      const cwd = absolute(draft, text(agent, 'cwd') ?? '.');
      for (const key of ['command', 'resume'] as const) {
        const command = text(agent, key);
        if (!command?.trim()) continue;
        const path = `agents[${index}].${key}`;
        const found = programOf(command);
        if ('construct' in found) {
          problems.push(
            warning(
              path,
              `cannot check that ${JSON.stringify(command)} starts (${found.construct}): try it in a terminal in ${cwd}`,
            ),
          );
        } else if (!findProgram(found.program, pathVar, cwd)) {
          problems.push(
            error(
              path,
              `"${found.program}" is not installed or not on PATH: install it, or write its full path`,
            ),
          );
        }
      }
    }
    return { problems };
  },
};
