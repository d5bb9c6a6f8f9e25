// `nightshift guard [CMD] [--stdin] [--json]`: the dangerous-command guard's verdict for commands.
import { isAbsolute, relative, resolve } from 'node:path';
import { loadConfigIfAny } from '../../config/load.js';
import { NightshiftError } from '../errors.js';
import {
  createGuard,
  listRules,
  mergeGuardOptions,
  type Guard,
  type GuardOptions,
  type GuardResult,
} from '../guard/index.js';
import { guardOptionsOf } from './runtime.js';
import { defineCommand, type CommandIO } from './types.js';

/** One verdict in the JSON shape DESIGN.md fixes, plus the optional explanation fields. */
export interface GuardRecord extends GuardResult {
  readonly command: string;
}

export default defineCommand({
  name: 'guard',
  summary: "the dangerous-command guard's verdict for commands",
  usage: `Usage: nightshift guard 'CMD' [--cwd DIR] [--json]
       nightshift guard --stdin [--cwd DIR] [--json]
       nightshift guard --rules [--json]

Parses the command with a bash parser, unwraps sudo, env, sh -c and the other wrappers, classifies
every path, and answers allow, block or hold (cannot be sure; treated like block), with the rule,
the reason, the part of the command that triggered it and a safer alternative where one exists.

  --stdin       read one command per line from standard input
  --cwd DIR     the project the command runs in (default: the current directory)
  --message     judge free text typed into an agent's prompt (words that are not programs pass)
  --rules       list the built-in rules
  --json        one JSON object per command: {"command","verdict","rule","reason"} plus
                "match", "alternative" and "allowedBy" when they apply

With --config FILE the config's guard section applies: its rules, buildOutput, and (only when the
file is outside the project, so an agent cannot have written it) its allow entries.
Exit code 0 whatever the verdicts; 2 on bad usage.`,
  options: {
    stdin: { type: 'boolean' },
    json: { type: 'boolean' },
    cwd: { type: 'string' },
    message: { type: 'boolean' },
    rules: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(args, io) {
    const { values, positionals } = args;
    const json = values.json === true;
    if (values.rules === true) {
      io.stdout.write(
        json
          ? listRules()
              .map((rule) => `${JSON.stringify(rule)}\n`)
              .join('')
          : formatRules(),
      );
      return 0;
    }
    const fromStdin = values.stdin === true;
    if (fromStdin === positionals.length > 0) {
      throw new NightshiftError('USAGE', "give one command ('CMD') or --stdin, not both and not neither");
    }
    const cwd = resolve(io.cwd, typeof values.cwd === 'string' ? values.cwd : '.');
    const guard = createGuard(
      await guardOptions(typeof values.config === 'string' ? values.config : undefined, cwd, io),
    );
    const kind = values.message === true ? 'message' : 'command';
    const commands = fromStdin ? splitLines(await readAll(io.stdin)) : [positionals.join(' ')];
    for (const command of commands) {
      const record = verdictFor(guard, command, cwd, kind);
      io.stdout.write(json ? `${JSON.stringify(record)}\n` : formatRecord(record, commands.length > 1));
    }
    return 0;
  },
});

/** One command's verdict, as a record. */
function verdictFor(guard: Guard, command: string, cwd: string, kind: 'command' | 'message'): GuardRecord {
  const result = guard.check(command, { cwd, kind });
  return { command, ...result };
}

/** The guard options from `--config`: a config inside the project may only add restrictions. */
async function guardOptions(file: string | undefined, cwd: string, io: CommandIO): Promise<GuardOptions> {
  if (!file) return {};
  const loaded = await loadConfigIfAny({ file, cwd: io.cwd, env: io.env });
  if (!loaded) return {};
  const { protectedPaths, options } = guardOptionsOf(loaded);
  const insideProject = loaded.filepath !== undefined && isInside(loaded.filepath, cwd);
  if (!insideProject) return options;
  if (options.allow && options.allow.length > 0) {
    io.stderr.write(
      `nightshift guard: ${loaded.filepath} is inside the project, so its guard.allow entries are ignored\n`,
    );
  }
  return mergeGuardOptions({ protectedPaths }, options);
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** One command per line; a final newline does not make an extra, empty command. */
function splitLines(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A verdict for a person: the verdict and rule on one line, then the reason, the match and the alternative. */
function formatRecord(record: GuardRecord, showCommand: boolean): string {
  const lines = [`${record.verdict.toUpperCase()}${record.rule ? `  ${record.rule}` : ''}`];
  if (showCommand) lines.push(`  command:     ${record.command}`);
  lines.push(`  reason:      ${record.reason}`);
  if (record.match && record.match !== record.command) lines.push(`  match:       ${record.match}`);
  if (record.alternative) lines.push(`  alternative: ${record.alternative}`);
  if (record.allowedBy) lines.push(`  allowed by:  ${record.allowedBy.rule} (${record.allowedBy.reason})`);
  return `${lines.join('\n')}\n${showCommand ? '\n' : ''}`;
}

function formatRules(): string {
  return listRules()
    .map((rule) => `${rule.id.padEnd(40)} ${rule.verdict.padEnd(5)} ${rule.reason}\n`)
    .join('');
}
