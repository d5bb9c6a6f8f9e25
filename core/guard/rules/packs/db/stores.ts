import { parseFlags } from '../../../flags/parse-flags.js';
import type { CheckContext, ProgramCheck, Stdin } from '../../../invocation.js';
import { deleteAll, drop, dropDatabase, serverAdmin, unknownSql, updateAll } from './rules.js';

// Non-SQL stores and admin tools: MongoDB shells, redis-cli, dropdb, mysqladmin, restores that clean first.

const MONGO_DROPS =
  /\.(drop|dropDatabase|dropCollection|dropUser|dropAllUsers|dropIndexes|dropRole|dropAllRoles)\s*\(/;
const MONGO_EMPTY_FILTER = /\.(deleteMany|remove|delete_many)\s*\(\s*(\{\s*\})?\s*[,)]/;
const MONGO_UPDATE_ALL = /\.(updateMany|update_many|replaceMany)\s*\(\s*\{\s*\}\s*,/;
const MONGO_ADMIN = /shutdownServer|\bshutdown\s*:|fsyncLock|renameCollection|setFeatureCompatibilityVersion/;

/** Judges MongoDB shell code. */
function judgeMongo(code: string, context: CheckContext): void {
  if (MONGO_DROPS.test(code)) context.report(drop);
  if (MONGO_EMPTY_FILTER.test(code)) context.report(deleteAll);
  if (MONGO_UPDATE_ALL.test(code)) context.report(updateAll);
  if (MONGO_ADMIN.test(code)) context.report(serverAdmin);
}

function judgeMongoStdin(stdin: Stdin, context: CheckContext): void {
  if (stdin.kind === 'text') judgeMongo(stdin.text, context);
  else if (stdin.kind === 'pipe' || stdin.kind === 'file') context.report(unknownSql);
}

const mongo: ProgramCheck = {
  programs: ['mongosh', 'mongo'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, {
      longWithValue: ['eval', 'host', 'port', 'username', 'password', 'authenticationDatabase', 'file'],
      shortWithValue: 'upf',
    });
    const code = parsed.values.get('eval') ?? [];
    for (const value of code) {
      if (value.dynamic) context.report(unknownSql);
      judgeMongo(value.value, context);
    }
    const scripts = [...parsed.operands.slice(1), ...parsed.operands.slice(0, 1)].filter((arg) =>
      /\.js$/.test(arg.value),
    );
    if (scripts.length || parsed.values.has('file') || parsed.values.has('f')) context.report(unknownSql);
    if (code.length === 0) judgeMongoStdin(invocation.stdin, context);
  },
};

const REDIS_FLUSH = /^(flushall|flushdb)$/i;
const REDIS_ADMIN = /^(shutdown|debug|failover|replicaof|slaveof|swapdb|migrate)$/i;

const redis: ProgramCheck = {
  programs: ['redis-cli', 'valkey-cli', 'keydb-cli'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, {
      shortWithValue: 'hpanusrdi',
      longWithValue: ['user', 'pass', 'eval', 'pattern', 'tls-cert'],
    });
    if (parsed.values.has('eval')) context.report(unknownSql);
    const [command, ...rest] = parsed.operands;
    if (!command) {
      if (invocation.stdin.kind === 'pipe' || invocation.stdin.kind === 'file') context.report(unknownSql);
      return;
    }
    const verb = command.value.toLowerCase();
    if (REDIS_FLUSH.test(verb)) context.report(deleteAll);
    else if (REDIS_ADMIN.test(verb)) context.report(serverAdmin);
    else if ((verb === 'del' || verb === 'unlink') && rest.some((key) => key.dynamic || key.glob))
      context.report(deleteAll);
    else if (verb === 'config' && rest[0]?.value.toLowerCase() === 'set') context.report(serverAdmin);
    else if (verb === 'eval' || verb === 'evalsha' || verb === 'script') context.report(unknownSql);
  },
};

const admin: ProgramCheck = {
  programs: [
    'dropdb',
    'dropuser',
    'pg_dropcluster',
    'mysqladmin',
    'mariadb-admin',
    'pg_restore',
    'mongorestore',
    'etcdctl',
  ],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    switch (invocation.program) {
      case 'mysqladmin':
      case 'mariadb-admin':
        if (values.some((value) => /^drop$/i.test(value))) context.report(dropDatabase);
        if (values.some((value) => /^(shutdown|kill)$/i.test(value))) context.report(serverAdmin);
        return;
      case 'pg_restore':
        if (values.some((value) => /^(-c|--clean)$/.test(value) || /^-[a-zA-Z]*c[a-zA-Z]*$/.test(value)))
          context.report(dropDatabase);
        return;
      case 'mongorestore':
        if (values.includes('--drop')) context.report(dropDatabase);
        return;
      case 'etcdctl':
        if (values.some((value) => /^(del|delete|defrag|snapshot restore)$/.test(value)))
          context.report(dropDatabase);
        return;
      default:
        if (!values.some((value) => value === '--help' || value === '--version'))
          context.report(dropDatabase);
    }
  },
};

export const storeChecks: readonly ProgramCheck[] = [mongo, redis, admin];
