import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSql } from '../../../analyzers/sql.js';
import type { CheckContext, Invocation, ProgramCheck } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';
import { DATA_STORE_FILE } from '../../../paths/path-names.js';
import { judgeSql, judgeSqlStdin } from './clients.js';
import {
  consoleCode,
  deleteAll,
  drop,
  emptyDatabaseFile,
  migrationFiles,
  unknownSql,
  updateAll,
} from './rules.js';

// SQL and model code given to everything that is not a classic SQL client: serverless SQL CLIs, framework
// consoles and runners, migration tools executing files, and database files emptied in place.

/** Option values that are SQL, by the words that lead to them (`aws rds-data execute-statement --sql`). */
const SERVERLESS: readonly {
  readonly program: string;
  readonly words: RegExp;
  readonly options: readonly string[];
}[] = [
  {
    program: 'aws',
    words: /^(rds-data|redshift-data) (batch-)?execute-statement\b/,
    options: ['--sql', '--sqls'],
  },
  { program: 'aws', words: /^athena start-query-execution\b/, options: ['--query-string'] },
  { program: 'wrangler', words: /^d1 execute\b/, options: ['--command'] },
  { program: 'heroku', words: /^pg:psql\b/, options: ['--command', '-c'] },
  {
    program: 'gcloud',
    words: /^(spanner databases execute-sql|sql databases execute-sql)\b/,
    options: ['--sql'],
  },
  { program: 'dolt', words: /^sql\b/, options: ['-q', '--query'] },
  { program: 'supabase', words: /^db (query|execute)\b/, options: [] },
];

/** The values of `--name value`, `--name=value`. */
function valuesOf(args: readonly Arg[], names: readonly string[]): Arg[] {
  const values: Arg[] = [];
  args.forEach((arg, index) => {
    for (const name of names) {
      if (arg.value === name && args[index + 1]) values.push(args[index + 1] as Arg);
      else if (arg.value.startsWith(`${name}=`))
        values.push({ ...arg, value: arg.value.slice(name.length + 1) });
    }
  });
  return values;
}

function operandWords(args: readonly Arg[]): string {
  return args
    .filter((arg) => !arg.value.startsWith('-'))
    .map((arg) => arg.value)
    .join(' ');
}

function judgeValues(values: readonly Arg[], invocation: Invocation, context: CheckContext): void {
  for (const value of values) {
    if (value.dynamic) context.report(unknownSql);
    judgeSql(value.value, context, invocation.text);
  }
}

const serverless: ProgramCheck = {
  programs: [...new Set(SERVERLESS.map((entry) => entry.program)), 'turso'],
  check(invocation, context) {
    const words = operandWords(invocation.args);
    if (invocation.program === 'turso') {
      const parts = invocation.args.filter((arg) => !arg.value.startsWith('-'));
      if (parts[0]?.value === 'db' && parts[1]?.value === 'shell') {
        if (parts.length > 3) judgeValues(parts.slice(3), invocation, context);
        else judgeSqlStdin(invocation.stdin, context, invocation.text);
      }
      return;
    }
    for (const entry of SERVERLESS) {
      if (entry.program !== invocation.program || !entry.words.test(words)) continue;
      const values = valuesOf(invocation.args, entry.options);
      if (entry.program === 'supabase') {
        const sql = invocation.args.filter((arg) => !arg.value.startsWith('-')).slice(2);
        judgeValues(sql, invocation, context);
        if (sql.length === 0) judgeSqlStdin(invocation.stdin, context, invocation.text);
      } else if (values.length > 0) judgeValues(values, invocation, context);
      else if (valuesOf(invocation.args, ['--file']).length > 0) context.report(unknownSql);
      else if (entry.program === 'heroku') judgeSqlStdin(invocation.stdin, context, invocation.text);
    }
  },
};

/** Model methods that only read. Anything else in console code is held; known bulk deletes are blocked. */
const READS = new Set(
  `count first last find find_by where pluck all exists? size length to_a inspect ids limit order select map each sum
  maximum minimum average group includes joins take present? blank? any? none? objects filter get values values_list
  exclude annotate aggregate order_by latest earliest exists distinct explain to_sql columns column_names table_name
  attributes as_json to_json to_s to_h keys name id email created_at updated_at first_or_none one one_or_none scalar
  scalars query filter_by all_objects head tail describe info shape env root version now today current strftime
  format join split strip upper lower items get_or_none fetchall fetchone dumps loads pp p puts print`.split(
    /\s+/,
  ),
);

/** `Model.delete_all`, `Model.objects.all().delete()`, `session.query(M).delete()`, `drop_table`… with no narrowing first. */
const BULK_DELETE =
  /(^|[\s;(])[A-Z]\w*(\.unscoped)?(\.all)?\.(delete_all|destroy_all)\b|\.objects(\.all\(\))?\.delete\(\)|\.query\([\w.]+\)\.delete\(|\.truncate\(|\btruncate_all\b/;
const BULK_UPDATE =
  /(^|[\s;(])[A-Z]\w*(\.all)?\.update_all\b|\.objects(\.all\(\))?\.update\(|\.query\([\w.]+\)\.update\(/;
const DROPS = /\b(drop_table|drop_all|drop_database|purge_database|remove_column|DropTable)\b/;
const RUNS_SQL =
  /\.(execute|exec_query|exec_update|exec_delete|raw|executescript|exec_driver_sql)\s*\(\s*(['"]|%[qQ]?[{(])/;

/** Judges Ruby or Python code run by a framework console against the app's database. */
export function judgeConsoleCode(code: Arg, context: CheckContext, match: string): void {
  if (code.dynamic) context.report(consoleCode, match);
  const text = code.value;
  if (BULK_DELETE.test(text)) context.report(deleteAll, match);
  if (BULK_UPDATE.test(text)) context.report(updateAll, match);
  if (DROPS.test(text)) context.report(drop, match);
  if (RUNS_SQL.test(text))
    for (const literal of text.matchAll(/(['"])((?:\\.|(?!\1).)*)\1/g))
      judgeSql(literal[2] ?? '', context, match);
  const methods = [
    ...text.replace(/(['"])(?:\\.|(?!\1).)*\1/g, '""').matchAll(/\.\s*([A-Za-z_]\w*[!?]?)/g),
  ].map((found) => found[1] ?? '');
  const imports = /^\s*(from\s+[\w.]+\s+)?import\b/.test(text);
  const unknown = methods.filter((method) => !READS.has(method) && !/^[A-Z]/.test(method));
  const calls = [
    ...text.replace(/(['"])(?:\\.|(?!\1).)*\1/g, '""').matchAll(/(^|[\s;(])([a-z_]\w*[!?]?)\s*\(/g),
  ]
    .map((found) => found[2] ?? '')
    .filter(
      (name) =>
        !READS.has(name) &&
        !/^(len|list|str|repr|dict|sorted|int|float|set|tuple|print|type|isinstance)$/.test(name),
    );
  if (
    unknown.length > 0 ||
    calls.length > 0 ||
    (imports && /\bimport\s+\w+\s*;?\s*\w+\(/.test(text)) ||
    /[`]|\bsystem\b|%x/.test(text)
  )
    context.report(consoleCode, match);
}

/** `rails runner CODE`, `rails dbconsole`, `python manage.py shell -c CODE`, `manage.py dbshell`, `prisma db execute`. */
const frameworkConsoles: ProgramCheck = {
  programs: ['rails', 'python', 'python3', 'manage.py', 'django-admin', 'prisma'],
  check(invocation, context) {
    let args = invocation.args;
    let tool = invocation.program;
    if (tool.startsWith('python')) {
      const script = args.findIndex((arg) => !arg.value.startsWith('-'));
      if (!/(^|\/)manage\.py$/.test(args[script]?.value ?? '')) return;
      tool = 'manage.py';
      args = args.slice(script + 1);
    }
    const [verb, ...rest] = args.map((arg) => arg.value);
    if (tool === 'rails') {
      if (verb === 'runner' || verb === 'r') {
        const code = args.slice(1).find((arg) => !arg.value.startsWith('-'));
        if (!code) return;
        if (/\.rb$/.test(code.value)) context.report(consoleCode);
        else judgeConsoleCode(code, context, invocation.text);
      } else if (verb === 'dbconsole' || verb === 'db')
        judgeSqlStdin(invocation.stdin, context, invocation.text);
      else if (verb === 'console' || verb === 'c') {
        if (invocation.stdin.kind === 'text')
          judgeConsoleCode({ ...args[0], value: invocation.stdin.text } as Arg, context, invocation.text);
        else if (invocation.stdin.kind !== 'terminal') context.report(consoleCode);
      }
      return;
    }
    if (tool === 'manage.py' || tool === 'django-admin') {
      if (verb === 'shell' || verb === 'shell_plus') {
        const at = args.findIndex((arg) => arg.value === '-c' || arg.value === '--command');
        const code = at >= 0 ? args[at + 1] : undefined;
        if (code) judgeConsoleCode(code, context, invocation.text);
        else if (invocation.stdin.kind === 'text')
          judgeConsoleCode({ ...(args[0] as Arg), value: invocation.stdin.text }, context, invocation.text);
        else if (invocation.stdin.kind !== 'terminal') context.report(consoleCode);
      } else if (verb === 'dbshell') {
        const dashes = rest.indexOf('--');
        const inner = dashes >= 0 ? args.slice(dashes + 2) : [];
        const command = inner.findIndex((arg) => /^(-c|-e|--command|--execute)$/.test(arg.value));
        if (command >= 0 && inner[command + 1]) judgeValues([inner[command + 1] as Arg], invocation, context);
        else judgeSqlStdin(invocation.stdin, context, invocation.text);
      }
      return;
    }
    if (tool === 'prisma' && verb === 'db' && rest[0] === 'execute') {
      if (args.some((arg) => arg.value === '--stdin'))
        judgeSqlStdin(invocation.stdin, context, invocation.text);
      else context.report(unknownSql);
    }
  },
};

/** Migration tools that apply SQL files, where their files usually live, and the verbs that only look. */
const MIGRATORS: Readonly<
  Record<
    string,
    { readonly apply: RegExp; readonly dirs: readonly string[]; readonly dirOptions: readonly string[] }
  >
> = {
  flyway: {
    apply: /^(migrate|repair|baseline|undo)$/,
    dirs: ['sql', 'db/migration', 'src/main/resources/db/migration'],
    dirOptions: ['-locations'],
  },
  liquibase: {
    apply:
      /^(update|update-count|update-to-tag|rollback|rollback-to-date|execute-sql|executeSql|changelog-sync|update-sql)$/,
    dirs: [],
    dirOptions: [],
  },
  dbmate: {
    apply: /^(up|migrate|rollback|down|load)$/,
    dirs: ['db/migrations'],
    dirOptions: ['--migrations-dir', '-d'],
  },
  goose: {
    apply: /^(up|up-by-one|up-to|down|redo|reset|down-to)$/,
    dirs: ['.', 'migrations', 'db/migrations'],
    dirOptions: ['-dir'],
  },
  migrate: {
    apply: /^(up|down|goto|force|drop)$/,
    dirs: ['migrations', 'db/migrations'],
    dirOptions: ['-path', '-source'],
  },
  sqitch: { apply: /^(deploy|revert|rebase|checkout)$/, dirs: ['deploy'], dirOptions: [] },
  atlas: {
    apply: /^(migrate apply|schema apply|migrate down)$/,
    dirs: ['migrations'],
    dirOptions: ['--dir'],
  },
};

/** Reads up to 64 SQL files (64 KiB each) of a migration directory; undefined when it cannot be read. */
function readMigrations(dir: string): string[] | undefined {
  try {
    const names = readdirSync(dir)
      .filter((name) => /\.sql$/i.test(name))
      .slice(0, 64);
    if (names.length === 0) return undefined;
    return names.map((name) => {
      const path = join(dir, name);
      return statSync(path).size > 65_536 ? 'DO unreadable' : readFileSync(path, 'utf8');
    });
  } catch {
    return undefined;
  }
}

const migrators: ProgramCheck = {
  programs: Object.keys(MIGRATORS),
  check(invocation, context) {
    const tool = MIGRATORS[invocation.program];
    if (!tool) return;
    const words = invocation.args
      .filter((arg) => !arg.value.startsWith('-') && !/^\w+:\/\//.test(arg.value))
      .map((arg) => arg.value);
    const verb =
      words.find((word) => tool.apply.test(word)) ??
      (tool.apply.test(words.slice(0, 2).join(' ')) ? words.slice(0, 2).join(' ') : undefined);
    if (!verb) return;
    const named = valuesOf(invocation.args, tool.dirOptions)[0];
    if (named?.dynamic) return context.report(migrationFiles);
    const candidates = named ? [named.value.replace(/^(filesystem:|file:\/\/)/, '')] : tool.dirs;
    const base = invocation.cwd;
    if (!base) return context.report(migrationFiles);
    const files = candidates
      .map((dir) => readMigrations(dir.startsWith('/') ? dir : join(base, dir)))
      .find((found) => found);
    if (!files) return context.report(migrationFiles);
    const destroys = files.some(
      (sql) =>
        analyzeSql(sql.replace(/--\s*\+goose\s+Down[\s\S]*$/i, '').replace(/--\s*migrate:down[\s\S]*$/i, ''))
          .length > 0,
    );
    if (destroys) context.report(migrationFiles);
  },
};

/** Database files by name. */
const DATABASE_FILE = DATA_STORE_FILE;

/** `truncate -s 0 app.db`, `cp /dev/null app.db`: a database emptied in place. */
const emptiedFiles: ProgramCheck = {
  programs: ['truncate', 'cp', 'dd', 'tee'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const files = invocation.args.filter(
      (arg) => DATABASE_FILE.test(arg.value) || (arg.glob && /\*\.(db|sqlite3?)$/.test(arg.value)),
    );
    if (files.length === 0) return;
    switch (invocation.program) {
      case 'truncate':
        if (
          values.some(
            (value, index) =>
              /^(-s0|--size=0|-s=?[-<]?0)$/.test(value) ||
              (value === '-s' && /^[-<]?0[KMG]?$/.test(values[index + 1] ?? '')),
          )
        )
          context.report(emptyDatabaseFile);
        return;
      case 'cp':
        if (values.includes('/dev/null') && DATABASE_FILE.test(values[values.length - 1] ?? ''))
          context.report(emptyDatabaseFile);
        return;
      case 'dd':
        if (values.some((value) => value.startsWith('of=') && DATABASE_FILE.test(value)))
          context.report(emptyDatabaseFile);
        return;
      case 'tee':
        context.report(emptyDatabaseFile);
        return;
    }
  },
};

export const consoleChecks: readonly ProgramCheck[] = [
  serverless,
  frameworkConsoles,
  migrators,
  emptiedFiles,
];

/** Redirections that empty a database file (`: > app.db`, `> data.sqlite`) are judged where writes are. */
export function isDatabaseFile(path: string): boolean {
  return DATABASE_FILE.test(path);
}
