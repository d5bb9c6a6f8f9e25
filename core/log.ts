import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { openLogFile } from './files/log-file.js';
import { makePrivateDir } from './files/private.js';
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

/** Where log lines go and what must never appear in them. */
export interface LogOptions {
  /** `--log-level` / NIGHTSHIFT_LOG_LEVEL; default `info` */
  readonly level?: LevelWithSilent | undefined;
  /** JSON lines are appended here (the state dir's nightshift.log) */
  readonly file?: string | undefined;
  /** also print human-readable lines to stderr (a TTY) */
  readonly pretty?: boolean;
  /** values that must never be written (SMTP passwords, `${VAR}`-resolved secrets) */
  readonly secrets?: readonly string[];
}

/** Paths redacted by key wherever they appear. */
const REDACT_PATHS = [
  'password',
  'pass',
  'smtp',
  '*.password',
  '*.pass',
  '*.smtp',
  '*.auth',
  'config.report.email.smtp',
  'headers.authorization',
];

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Reads a log level from a flag or the environment; undefined when unset or not a level. */
export function levelFrom(flag: unknown, env: NodeJS.ProcessEnv): LevelWithSilent | undefined {
  const value = typeof flag === 'string' ? flag : env.NIGHTSHIFT_LOG_LEVEL;
  return value && LEVELS.has(value) ? (value as LevelWithSilent) : undefined;
}

/** Creates the root logger: JSON to the log file, pretty to stderr in a terminal, secrets masked everywhere. */
export function createLogger(options: LogOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const streams: { stream: DestinationStream; level?: LevelWithSilent }[] = [];
  if (options.file) {
    makePrivateDir(dirname(options.file));
    streams.push({
      stream: masked(openLogFile(options.file), secrets),
    });
  }
  if (options.pretty) streams.push({ stream: masked(prettyStream(), secrets) });
  const level = options.level ?? 'info';
  if (!streams.length) return pino({ level: 'silent' });
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { pid: process.pid } },
    pino.multistream(streams.map((s) => ({ ...s, level }))),
  );
}

/** Wraps a destination so every line has the given secret values replaced. */
function masked(stream: DestinationStream, secrets: readonly string[]): DestinationStream {
  if (!secrets.length) return stream;
  return {
    write(line: string) {
      let out = line;
      for (const secret of secrets) out = out.split(secret).join('[redacted]');
      for (const secret of secrets) out = out.split(JSON.stringify(secret).slice(1, -1)).join('[redacted]');
      return stream.write(out);
    },
  };
}

/** pino-pretty when installed (a dev dependency), plain JSON on stderr otherwise. */
function prettyStream(): DestinationStream {
  try {
    const require = createRequire(import.meta.url);
    const pretty = require('pino-pretty') as (o: object) => DestinationStream;
    return pretty({
      colorize: true,
      destination: 2,
      sync: true,
      ignore: 'pid,hostname',
      translateTime: 'HH:MM:ss',
    });
  } catch {
    return pino.destination({ dest: 2, sync: true });
  }
}
