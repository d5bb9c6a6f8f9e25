import { analyzeSql, type SqlDialect } from '../../../analyzers/sql.js';
import { parseFlags, type FlagSpec } from '../../../flags/parse-flags.js';
import type { CheckContext, Invocation, ProgramCheck, Stdin } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';
import {
  admin,
  deleteAll,
  drop,
  dynamicSql,
  privileges,
  schemaChange,
  serverFiles,
  shell,
  truncate,
  unknownSql,
  updateAll,
} from './rules.js';

/** Reports what a piece of SQL does; `COPY … PROGRAM` commands are also evaluated as shell. */
export function judgeSql(sql: string, context: CheckContext, match?: string, dialect?: SqlDialect): void {
  for (const line of sql.split('\n')) judgeClientCommand(line.trim(), context);
  for (const finding of analyzeSql(stripClientCommands(sql), dialect)) {
    switch (finding.kind) {
      case 'drop':
        context.report(drop, match);
        break;
      case 'truncate':
        context.report(truncate, match);
        break;
      case 'delete-all':
        context.report(deleteAll, match);
        break;
      case 'update-all':
        context.report(updateAll, match);
        break;
      case 'privileges':
        context.report(privileges, match);
        break;
      case 'admin':
        context.report(admin, match);
        break;
      case 'dynamic':
        context.report(dynamicSql, match);
        break;
      case 'schema':
        context.report(schemaChange, match);
        break;
      case 'server-files':
        context.report(serverFiles, match);
        break;
      case 'shell':
        context.report(shell, match);
        break;
      case 'program':
        context.report(shell, match);
        context.runScript(finding.command);
        break;
    }
  }
}

/** psql's `\!`, sqlite's `.shell`/`.system` run shell commands; `\i`, `.read` run SQL files. */
function judgeClientCommand(line: string, context: CheckContext): void {
  const shell = /^(\\!|\.shell\b|\.system\b)\s*(.*)$/.exec(line);
  if (shell) context.runScript(shell[2] ?? '');
  else if (/^(\\i|\\ir|\\include|\.read)\b/.test(line)) context.report(unknownSql);
}

function stripClientCommands(sql: string): string {
  return sql
    .split('\n')
    .filter((line) => !/^\s*(\\|\.[a-z])/.test(line))
    .join('\n');
}

/** SQL arriving on standard input: a heredoc or here-string is read; a pipe from echo/printf too; anything else is unknown. */
export function judgeSqlStdin(
  stdin: Stdin,
  context: CheckContext,
  match: string,
  dialect?: SqlDialect,
): void {
  switch (stdin.kind) {
    case 'text':
      judgeSql(stdin.text, context, match, dialect);
      return;
    case 'pipe': {
      const from = stdin.from;
      if (
        from &&
        (from.program === 'echo' || from.program === 'printf') &&
        from.args.every((arg) => !arg.dynamic)
      ) {
        judgeSql(
          from.args
            .filter((arg) => !arg.value.startsWith('-'))
            .map((arg) => arg.value)
            .join(' '),
          context,
          match,
          dialect,
        );
      } else context.report(unknownSql, match);
      return;
    }
    case 'file':
      context.report(unknownSql, match);
      return;
    case 'terminal':
      return;
  }
}

/** How one SQL client takes its statements. */
interface SqlClient {
  readonly flags: FlagSpec;
  /** options whose value is SQL */
  readonly sqlOptions: readonly string[];
  /** options whose value is a file of SQL */
  readonly fileOptions: readonly string[];
  /** operands that are SQL (sqlite3 db "SQL") */
  readonly sqlOperands?: (operands: readonly Arg[]) => readonly Arg[];
  /** what ROLLBACK undoes on this server (default: data changes only) */
  readonly dialect?: SqlDialect;
}

const CLIENTS: Readonly<Record<string, SqlClient>> = {
  psql: {
    flags: {
      shortWithValue: 'cdfhpUvoLTPFR',
      longWithValue: [
        'command',
        'dbname',
        'file',
        'host',
        'port',
        'username',
        'variable',
        'set',
        'output',
        'log-file',
        'pset',
      ],
      aliases: { command: 'c', file: 'f' },
    },
    sqlOptions: ['c'],
    fileOptions: ['f'],
    dialect: 'transactional',
  },
  mysql: {
    flags: {
      shortWithValue: 'eDhPuSB',
      longWithValue: [
        'execute',
        'database',
        'host',
        'port',
        'user',
        'socket',
        'init-command',
        'defaults-file',
      ],
      aliases: { execute: 'e', 'init-command': 'e' },
    },
    sqlOptions: ['e'],
    fileOptions: [],
  },
  sqlite3: {
    flags: {
      singleDashLong: true,
      longWithValue: ['cmd', 'init', 'separator', 'newline', 'nullvalue', 'mmap', 'vfs', 'maxsize', 'c', 's'],
    },
    sqlOptions: ['cmd', 'c', 's'],
    fileOptions: ['init'],
    sqlOperands: (operands) => operands.slice(1),
    dialect: 'transactional',
  },
  cqlsh: {
    flags: {
      shortWithValue: 'efkupt',
      longWithValue: ['execute', 'file', 'keyspace', 'username', 'password'],
      aliases: { execute: 'e', file: 'f' },
    },
    sqlOptions: ['e'],
    fileOptions: ['f'],
  },
  'clickhouse-client': {
    flags: {
      shortWithValue: 'qhudp',
      longWithValue: ['query', 'host', 'user', 'database', 'password', 'port', 'queries-file'],
      aliases: { query: 'q' },
    },
    sqlOptions: ['q'],
    fileOptions: ['queries-file'],
    dialect: 'none',
  },
  usql: {
    flags: {
      shortWithValue: 'cfoPvJ',
      longWithValue: ['command', 'file', 'out', 'pset', 'set', 'variable'],
      aliases: { command: 'c', file: 'f' },
    },
    sqlOptions: ['c'],
    fileOptions: ['f'],
  },
  trino: {
    flags: {
      longWithValue: ['execute', 'file', 'server', 'catalog', 'schema', 'user', 'output-format'],
      aliases: { f: 'file' },
      shortWithValue: 'f',
    },
    sqlOptions: ['execute'],
    fileOptions: ['file'],
    dialect: 'none',
  },
  'spark-sql': {
    flags: { shortWithValue: 'efid', longWithValue: ['database', 'hiveconf', 'hivevar', 'conf', 'master'] },
    sqlOptions: ['e'],
    fileOptions: ['f', 'i'],
    dialect: 'none',
  },
  'impala-shell': {
    flags: {
      shortWithValue: 'qfidu',
      longWithValue: ['query', 'query_file', 'impalad', 'database', 'user'],
      aliases: { query: 'q', query_file: 'f' },
    },
    sqlOptions: ['q'],
    fileOptions: ['f'],
    dialect: 'none',
  },
  vsql: {
    flags: {
      shortWithValue: 'cfdhpUw',
      longWithValue: ['command', 'file'],
      aliases: { command: 'c', file: 'f' },
    },
    sqlOptions: ['c'],
    fileOptions: ['f'],
  },
  mysqlsh: {
    flags: {
      shortWithValue: 'ehPuf',
      longWithValue: ['execute', 'file', 'uri', 'host', 'user', 'port', 'sql'],
      aliases: { execute: 'e', file: 'f' },
    },
    sqlOptions: ['e'],
    fileOptions: ['f'],
  },
  sqlcmd: {
    flags: { shortWithValue: 'QqiSUPdoH' },
    sqlOptions: ['Q', 'q'],
    fileOptions: ['i'],
  },
  snowsql: {
    flags: {
      shortWithValue: 'qfacudsrw',
      longWithValue: ['query', 'filename', 'accountname', 'username', 'dbname'],
      aliases: { query: 'q', filename: 'f' },
    },
    sqlOptions: ['q'],
    fileOptions: ['f'],
  },
};

const ALIASES: Readonly<Record<string, string>> = {
  mariadb: 'mysql',
  mycli: 'mysql',
  pgcli: 'psql',
  litecli: 'sqlite3',
  presto: 'trino',
  hive: 'spark-sql',
  beeline: 'spark-sql',
  sqlite: 'sqlite3',
  duckdb: 'sqlite3',
  clickhouse: 'clickhouse-client',
  cockroach: 'psql',
};

/** Judges one client invocation: SQL options, SQL operands, SQL files and standard input. */
function judgeClient(
  client: SqlClient,
  args: readonly Arg[],
  invocation: Invocation,
  context: CheckContext,
): void {
  const parsed = parseFlags(args, client.flags);
  let gaveSql = false;
  for (const option of client.sqlOptions) {
    for (const value of parsed.values.get(option) ?? []) {
      gaveSql = true;
      if (value.dynamic) context.report(unknownSql);
      judgeSql(value.value, context, invocation.text, client.dialect);
    }
  }
  for (const option of client.fileOptions) {
    for (const value of parsed.values.get(option) ?? []) {
      gaveSql = true;
      if (value.value === '-') judgeSqlStdin(invocation.stdin, context, invocation.text, client.dialect);
      else context.report(unknownSql);
    }
  }
  for (const operand of client.sqlOperands?.(parsed.operands) ?? []) {
    gaveSql = true;
    if (operand.dynamic) context.report(unknownSql);
    judgeSql(operand.value, context, invocation.text, client.dialect);
  }
  if (!gaveSql) judgeSqlStdin(invocation.stdin, context, invocation.text, client.dialect);
}

const sqlClients: ProgramCheck = {
  programs: [...Object.keys(CLIENTS), ...Object.keys(ALIASES)],
  check(invocation, context) {
    const name = ALIASES[invocation.program] ?? invocation.program;
    const client = CLIENTS[name];
    if (!client) return;
    const args = ['clickhouse', 'cockroach'].includes(invocation.program)
      ? invocation.args.slice(1)
      : invocation.args;
    if (invocation.program === 'cockroach' && invocation.args[0]?.value !== 'sql') return;
    judgeClient(client, args, invocation, context);
  },
};

/** bq query 'SQL' */
const bigquery: ProgramCheck = {
  programs: ['bq'],
  check(invocation, context) {
    const words = invocation.args.filter((arg) => !arg.value.startsWith('-'));
    if (words[0]?.value !== 'query') return;
    for (const sql of words.slice(1)) {
      if (sql.dynamic) context.report(unknownSql);
      judgeSql(sql.value, context, invocation.text);
    }
    if (words.length === 1) judgeSqlStdin(invocation.stdin, context, invocation.text);
  },
};

export const clientChecks: readonly ProgramCheck[] = [sqlClients, bigquery];

export { judgeClient, CLIENTS, type SqlClient };
