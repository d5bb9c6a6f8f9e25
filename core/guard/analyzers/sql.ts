import { whereSelectsAll, type Token } from './sql-where.js';

// What a piece of SQL would do, statement by statement, judged by effect rather than by keyword: reads and
// narrow writes pass; bulk writes (DELETE/UPDATE whose WHERE narrows nothing, TRUNCATE), drops, admin
// statements, SQL that runs shell commands or reads server files, SQL built at run time, and risky schema
// changes are findings. EXPLAIN without ANALYZE is a read, and so is a transaction that ends in ROLLBACK.

/** What a piece of SQL would do that matters to the guard. */
export type SqlFinding =
  | {
      readonly kind:
        | 'drop'
        | 'truncate'
        | 'delete-all'
        | 'update-all'
        | 'privileges'
        | 'admin'
        | 'dynamic'
        | 'schema'
        | 'server-files'
        | 'shell';
      readonly statement: string;
    }
  | { readonly kind: 'program'; readonly command: string; readonly statement: string };

/** How a server treats schema changes inside a transaction: undone by ROLLBACK, committed at once, or no transactions at all. */
export type SqlDialect = 'transactional' | 'ddl-commits' | 'none';

/** Effects a ROLLBACK undoes, by dialect. */
const UNDONE: Readonly<Record<SqlDialect, ReadonlySet<SqlFinding['kind']>>> = {
  transactional: new Set(['drop', 'truncate', 'delete-all', 'update-all', 'schema', 'privileges']),
  'ddl-commits': new Set(['delete-all', 'update-all']),
  none: new Set(),
};

/** Words before DELETE/UPDATE that make them part of another statement (`ON DELETE CASCADE`, `FOR UPDATE`). */
const NOT_A_VERB_AFTER = new Set([
  'ON',
  'FOR',
  'DO',
  'KEY',
  'OF',
  'BEFORE',
  'AFTER',
  'INSTEAD',
  ',',
  'GRANT',
  'REVOKE',
  'NO',
  'THEN',
  'OR',
]);

/** Words after BEGIN that belong to the transaction statement itself. */
const TRANSACTION_WORDS =
  /^(TRANSACTION|WORK|TRAN|ISOLATION|READ|DEFERRED|IMMEDIATE|EXCLUSIVE|DEFERRABLE|NOT)$/;

/** Functions that stop other sessions or change the server. */
const ADMIN_FUNCTIONS = new Set([
  'PG_TERMINATE_BACKEND',
  'PG_CANCEL_BACKEND',
  'PG_PROMOTE',
  'PG_DROP_REPLICATION_SLOT',
  'PG_RELOAD_CONF',
  'PG_WAL_REPLAY_PAUSE',
  'PG_CREATE_RESTORE_POINT',
  'LO_UNLINK',
]);
/** Functions that read or write files on the database server. */
const FILE_FUNCTIONS = new Set([
  'PG_READ_FILE',
  'PG_READ_BINARY_FILE',
  'PG_LS_DIR',
  'PG_STAT_FILE',
  'LO_IMPORT',
  'LO_EXPORT',
  'PG_FILE_WRITE',
  'LOAD_FILE',
]);
/** Functions that run SQL given as text, elsewhere or later. */
const DYNAMIC_FUNCTIONS = new Set([
  'DBLINK',
  'DBLINK_EXEC',
  'DBLINK_SEND_QUERY',
  'CRON.SCHEDULE',
  'CRON.SCHEDULE_IN_DATABASE',
  'CRON.ALTER_JOB',
  'PG_BACKGROUND_LAUNCH',
  'SP_EXECUTESQL',
  'QUERY_TO_XML',
]);
/** Functions that run shell commands on the server. */
const SHELL_FUNCTIONS = new Set(['SYS_EXEC', 'SYS_EVAL', 'XP_CMDSHELL', 'PG_EXECUTE_SERVER_PROGRAM']);
/** Function languages that can run anything on the server. */
const UNTRUSTED_LANGUAGE = /^(PLSH|PLPYTHONU|PLPYTHON3U|PLPYTHON2U|PLPERLU|PLTCLU|C|PLRUBYU|PLV8U)$/;

/** Every finding in the SQL, statement by statement; `dialect` says what ROLLBACK undoes. */
export function analyzeSql(sql: string, dialect: SqlDialect = 'ddl-commits', depth = 0): SqlFinding[] {
  const findings: SqlFinding[] = [];
  let transaction: SqlFinding[] | undefined;
  const prepared = new Set<string>();
  for (const statement of splitStatements(tokenize(sql))) {
    const words = statement.map((token) => token.text);
    const [lead = '', second = ''] = words;
    if (lead === 'BEGIN' || (lead === 'START' && second === 'TRANSACTION')) {
      transaction ??= [];
      const body = statement
        .slice(1)
        .filter((token, index) => index > 0 || !TRANSACTION_WORDS.test(token.text));
      if (lead === 'BEGIN' && body.length > 0 && !TRANSACTION_WORDS.test(second))
        transaction.push(...judgeStatement(body, sql, dialect, depth, prepared));
      continue;
    }
    if (lead === 'ROLLBACK' || lead === 'ABORT') {
      if (words.includes('TO')) continue;
      if (transaction) findings.push(...transaction.filter((finding) => !UNDONE[dialect].has(finding.kind)));
      transaction = undefined;
      continue;
    }
    if (lead === 'COMMIT' || lead === 'END') {
      if (transaction) findings.push(...transaction);
      transaction = undefined;
      continue;
    }
    const found = judgeStatement(statement, sql, dialect, depth, prepared);
    (transaction ?? findings).push(...found);
  }
  if (transaction) findings.push(...transaction);
  return findings;
}

/** The findings of one statement. */
function judgeStatement(
  statement: readonly Token[],
  sql: string,
  dialect: SqlDialect,
  depth: number,
  prepared: Set<string>,
): SqlFinding[] {
  const text = statement.map((token) => token.value ?? token.text).join(' ');
  const words = statement.map((token) => token.text);
  const [lead = '', second = '', third = ''] = words;
  const found: SqlFinding[] = [];
  const add = (kind: Exclude<SqlFinding['kind'], 'program'>) => found.push({ kind, statement: text });
  const inner = (body: string) => {
    if (depth < 3) found.push(...analyzeSql(body, dialect, depth + 1));
  };

  if (lead === 'EXPLAIN' || lead === 'DESCRIBE' || lead === 'DESC') {
    const analyzed = words.slice(1, 12).includes('ANALYZE') && lead === 'EXPLAIN';
    if (!analyzed) return [];
    const start = statement.findIndex(
      (token, index) =>
        index > 0 &&
        token.depth === 0 &&
        /^(DELETE|UPDATE|INSERT|MERGE|WITH|SELECT|TRUNCATE)$/.test(token.text),
    );
    return start < 0 ? [] : judgeStatement(statement.slice(start), sql, dialect, depth, prepared);
  }
  if (lead === 'GRANT' || lead === 'REVOKE') return [{ kind: 'privileges', statement: text }];
  switch (lead) {
    case 'ALTER':
      if (/^(USER|ROLE|SYSTEM|GROUP|LOGIN|INSTANCE|SERVER)$/.test(second)) add('admin');
      else if (second === 'DEFAULT' && third === 'PRIVILEGES') add('privileges');
      else if (second === 'TABLE' || second === 'ONLY') {
        if (words.some((word) => /^(RENAME|TYPE|MODIFY|CHANGE|OWNER|DISABLE|DETACH|ENGINE)$/.test(word)))
          add('schema');
      } else if (second !== 'INDEX' && second !== 'VIEW' && second !== 'SEQUENCE') add('schema');
      else if (words.includes('RENAME')) add('schema');
      break;
    case 'RENAME':
      add('schema');
      break;
    case 'CREATE': {
      const kind =
        words
          .slice(1, 5)
          .find(
            (word) =>
              !/^(OR|REPLACE|TEMP|TEMPORARY|UNIQUE|GLOBAL|LOCAL|UNLOGGED|DEFINER|SQL|SECURITY|CONSTRAINT|RECURSIVE|MATERIALIZED|DEFINITION)$/.test(
                word,
              ) && !word.includes('='),
          ) ?? '';
      const replaces = words.slice(1, 3).includes('REPLACE');
      const language = words[words.indexOf('LANGUAGE') + 1] ?? '';
      if (/^(ROLE|USER|GROUP|LOGIN)$/.test(kind))
        add(
          words.some((word) => /^(SUPERUSER|CREATEROLE|BYPASSRLS|REPLICATION|SYSADMIN)$/.test(word))
            ? 'admin'
            : 'privileges',
        );
      else if (
        (kind === 'FUNCTION' || kind === 'PROCEDURE') &&
        words.includes('LANGUAGE') &&
        UNTRUSTED_LANGUAGE.test(language.replace(/'/g, ''))
      )
        add('shell');
      else if (kind === 'EVENT' && second !== 'EVENT') add('dynamic');
      else if (
        /^(EXTENSION|TRIGGER|RULE|EVENT|SERVER|PUBLICATION|SUBSCRIPTION|POLICY)$/.test(kind) ||
        words.slice(1, 4).join(' ') === 'USER MAPPING FOR'
      )
        add('schema');
      else if (replaces) add('schema');
      break;
    }
    case 'SET':
      if (
        /^(GLOBAL|PERSIST|PERSIST_ONLY|PASSWORD)$/.test(second) ||
        /^@@(GLOBAL|PERSIST)/.test(second) ||
        (second === '@' && third === '@')
      )
        add('admin');
      else if (words.some((word) => word === 'GLOBAL')) add('admin');
      break;
    case 'KILL':
    case 'SHUTDOWN':
    case 'PURGE':
    case 'INSTALL':
    case 'UNINSTALL':
      add('admin');
      break;
    case 'RESET':
    case 'CHANGE':
      if (/^(MASTER|SLAVE|REPLICA|REPLICATION|PERSIST)$/.test(second)) add('admin');
      break;
    case 'START':
    case 'STOP':
      if (/^(SLAVE|REPLICA|GROUP_REPLICATION)$/.test(second)) add('admin');
      break;
    case 'SYSTEM':
      if (/^(SHUTDOWN|KILL|STOP|RESTART)$/.test(second)) add('admin');
      break;
    case 'LOAD':
      if (second === 'DATA' || second === 'XML') {
        if (!words.includes('LOCAL')) add('server-files');
      } else if (second === "'") add('shell');
      break;
    case 'DO':
      add('dynamic');
      for (const token of statement) if (token.value !== undefined && token.text === "'") inner(token.value);
      break;
    case 'CALL':
    case 'EXEC':
      add('dynamic');
      break;
    case 'PREPARE': {
      prepared.add(second);
      const as = statement.findIndex((token) => token.text === 'AS' || token.text === 'FROM');
      const body = statement[as + 1];
      if (body?.text === "'" && body.value !== undefined) inner(body.value);
      else if (as >= 0 && body && statement[as]?.text === 'AS')
        inner(sql.slice(body.pos, statement[statement.length - 1]?.end));
      else add('dynamic');
      break;
    }
    case 'EXECUTE':
      if (second === "'" || second === 'IMMEDIATE' || second === 'FORMAT' || !prepared.has(second))
        add('dynamic');
      for (const token of statement) if (token.value !== undefined && token.text === "'") inner(token.value);
      break;
    case 'INSERT':
      if (second === 'OVERWRITE') add('truncate');
      break;
    case 'MERGE':
      if (words.includes('DELETE') || words.includes('UPDATE')) {
        const on = statement.findIndex((token) => token.text === 'ON' && token.depth === 0);
        const when = statement.findIndex(
          (token, index) => index > on && token.text === 'WHEN' && token.depth === 0,
        );
        if (on >= 0 && whereSelectsAll(statement.slice(on + 1, when < 0 ? statement.length : when)))
          add(words.includes('DELETE') ? 'delete-all' : 'update-all');
      }
      break;
    case 'COPY': {
      const program = statement.findIndex((token) => token.text === 'PROGRAM');
      const target = statement.findIndex(
        (token, index) => index > 1 && (token.text === 'TO' || token.text === 'FROM'),
      );
      if (program >= 0 && statement[program + 1]?.value !== undefined)
        found.push({ kind: 'program', command: statement[program + 1]?.value ?? '', statement: text });
      else if (target >= 0 && statement[target + 1]?.text === "'") add('server-files');
      break;
    }
    default:
      break;
  }
  statement.forEach((token, index) => {
    const previous = statement[index - 1]?.text ?? '';
    if (token.text === 'DROP' && previous !== 'SYSTEM') add('drop');
    else if (token.text === 'TRUNCATE' && !NOT_A_VERB_AFTER.has(previous)) add('truncate');
    else if (
      (token.text === 'DELETE' || token.text === 'UPDATE') &&
      !NOT_A_VERB_AFTER.has(previous) &&
      lead !== 'MERGE'
    ) {
      if (bulkWrite(statement, index)) add(token.text === 'DELETE' ? 'delete-all' : 'update-all');
    } else if (
      lead !== 'COPY' &&
      token.text === 'PROGRAM' &&
      statement[index + 1]?.value !== undefined &&
      /^(TO|FROM)$/.test(previous)
    )
      found.push({ kind: 'program', command: statement[index + 1]?.value ?? '', statement: text });
    else if (token.text === 'INTO' && /^(OUTFILE|DUMPFILE)$/.test(statement[index + 1]?.text ?? ''))
      add('server-files');
    else if (statement[index + 1]?.text === '(') {
      const name = previous === '.' ? `${statement[index - 2]?.text ?? ''}.${token.text}` : token.text;
      if (ADMIN_FUNCTIONS.has(name)) add('admin');
      else if (FILE_FUNCTIONS.has(name)) add('server-files');
      else if (SHELL_FUNCTIONS.has(name)) add('shell');
      else if (DYNAMIC_FUNCTIONS.has(name)) {
        add('dynamic');
        for (const argument of argumentsOf(statement, index + 1)) inner(argument);
      }
    }
  });
  return found;
}

/** The string literals passed to a call whose `(` is at `open`. */
function argumentsOf(tokens: readonly Token[], open: number): string[] {
  const depth = tokens[open]?.depth ?? 0;
  const strings: string[] = [];
  for (let i = open + 1; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.text === ')' && token.depth === depth) break;
    if (token.text === "'" && token.value !== undefined) strings.push(token.value);
  }
  return strings;
}

/** True when the DELETE/UPDATE at `start` has no WHERE at its own depth, or one that selects every row. */
function bulkWrite(tokens: readonly Token[], start: number): boolean {
  const depth = (tokens[start] as Token).depth;
  let end = tokens.length;
  for (let i = start + 1; i < tokens.length; i++) {
    if ((tokens[i] as Token).depth < depth) {
      end = i;
      break;
    }
  }
  const where = tokens.findIndex(
    (token, i) => i > start && i < end && token.depth === depth && token.text === 'WHERE',
  );
  if (where < 0) return true;
  if (tokens[where + 1]?.text === 'CURRENT') return false;
  const stop = tokens.findIndex(
    (token, i) =>
      i > where &&
      i < end &&
      token.depth === depth &&
      /^(ORDER|LIMIT|RETURNING|GROUP|OUTPUT)$/.test(token.text),
  );
  return whereSelectsAll(tokens.slice(where + 1, stop < 0 ? end : stop));
}

function splitStatements(tokens: readonly Token[]): Token[][] {
  const statements: Token[][] = [[]];
  for (const token of tokens) {
    if (token.text === ';' && token.depth === 0) statements.push([]);
    else (statements[statements.length - 1] as Token[]).push(token);
  }
  return statements.filter((statement) => statement.length > 0);
}

/** Words, strings and punctuation with comments removed; MySQL's executable `/*! … *\/` comments are kept as code. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  const push = (token: Omit<Token, 'pos' | 'end'>, start: number, end: number) =>
    tokens.push({ ...token, pos: start, end });
  while (i < sql.length) {
    const c = sql[i] as string;
    const rest = sql.slice(i, i + 3);
    if (/\s/.test(c)) i++;
    else if (rest.startsWith('--') || c === '#') i = lineEnd(sql, i);
    else if (rest.startsWith('/*!')) i = i + 3 + (/^\d*/.exec(sql.slice(i + 3))?.[0].length ?? 0);
    else if (rest.startsWith('/*'))
      i = sql.indexOf('*/', i + 2) < 0 ? sql.length : sql.indexOf('*/', i + 2) + 2;
    else if (rest.startsWith('*/')) i += 2;
    else if (c === "'" || c === '"' || c === '`') {
      const end = quoteEnd(sql, i, c);
      const value = sql.slice(i + 1, end - 1).replace(c === "'" ? /''/g : /""/g, c);
      push(c === "'" ? { text: "'", depth, value } : { text: value.toUpperCase(), depth }, i, end);
      i = end;
    } else if (c === '$' && /^\$(\w*)\$/.test(sql.slice(i))) {
      const tag = (/^\$(\w*)\$/.exec(sql.slice(i)) as RegExpExecArray)[0];
      const close = sql.indexOf(tag, i + tag.length);
      const end = close < 0 ? sql.length : close + tag.length;
      push({ text: "'", depth, value: sql.slice(i + tag.length, close < 0 ? sql.length : close) }, i, end);
      i = end;
    } else if (/[A-Za-z_@]/.test(c)) {
      const word = /^[\w$@]+/.exec(sql.slice(i))?.[0] ?? c;
      push({ text: word.toUpperCase(), depth }, i, i + word.length);
      i += word.length;
    } else if (/\d/.test(c)) {
      const number = /^\d+(\.\d+)?/.exec(sql.slice(i))?.[0] ?? c;
      push({ text: 'N', depth, value: number }, i, i + number.length);
      i += number.length;
    } else {
      const operator = /^(<>|!=|>=|<=|::)/.exec(sql.slice(i))?.[0] ?? c;
      if (operator === '(') depth++;
      push({ text: operator, depth }, i, i + operator.length);
      if (operator === ')') depth = Math.max(0, depth - 1);
      i += operator.length;
    }
  }
  return tokens;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end + 1;
}

function quoteEnd(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) {
      if (text[i + 1] === quote) i++;
      else return i + 1;
    }
  }
  return text.length;
}
