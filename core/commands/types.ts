import type { ParseArgsConfig } from 'node:util';

/** Where a command reads and writes: the real process in the CLI, buffers in tests. */
export interface CommandIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** true when stdout is a terminal (pretty output, colours) */
  readonly isTTY: boolean;
}

/** Parsed arguments: flag values by name, and the positionals. */
export interface CommandArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

/** One CLI command. `core/cli.ts` parses argv with the command's `options`, handles --help, and calls `run`. */
export interface Command {
  readonly name: string;
  /** one line for `nightshift --help` */
  readonly summary: string;
  /** usage line and flag descriptions for `nightshift <name> --help` */
  readonly usage: string;
  /** node:util parseArgs options (common flags --config, --json, --help, --log-level are added by the CLI) */
  readonly options?: NonNullable<ParseArgsConfig['options']>;
  readonly allowPositionals?: boolean;
  /** runs the command; returns the exit code (0 ok, 1 runtime failure, 2 bad usage or config) */
  run(args: CommandArgs, io: CommandIO): Promise<number>;
}

/** Identity helper that types a command module's default export. */
export function defineCommand(command: Command): Command {
  return command;
}
