import type { ProgramCheck } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';
import { frameworkReset, resetScript } from './rules.js';

// Framework and migration tools whose commands drop or reset the database.

/** Per tool: the command words (after the program) that reset the database; `--all` marks "roll back everything". */
const RESETS: Readonly<Record<string, RegExp>> = {
  prisma: /^migrate reset\b|^db push\b.*--(force-reset|accept-data-loss)/,
  rails: /^db:(drop|reset|purge|schema:load|structure:load|truncate_all|migrate:reset|seed:replant|setup)\b/,
  rake: /^db:(drop|reset|purge|schema:load|structure:load|truncate_all|migrate:reset|seed:replant|setup)\b/,
  'manage.py': /^(flush|reset_db|sqlflush)\b|^migrate \S+ zero\b/,
  'sequelize-cli': /^db:(drop|migrate:undo:all|seed:undo:all)\b/,
  sequelize: /^db:(drop|migrate:undo:all|seed:undo:all)\b/,
  knex: /^migrate:(rollback\b.*--all|down\b.*--all)|^migrate:reset\b/,
  typeorm: /^(schema:drop|migration:revert)\b/,
  'typeorm-ts-node-commonjs': /^(schema:drop|migration:revert)\b/,
  'drizzle-kit': /^drop\b|^push\b.*--force/,
  artisan: /^(migrate:fresh|migrate:reset|migrate:refresh|migrate:rollback|db:wipe)\b/,
  mix: /^ecto\.(drop|reset)\b|^ecto\.rollback\b.*--all/,
  alembic: /^downgrade\b/,
  flask: /^db (downgrade|drop)\b/,
  supabase: /^db reset\b/,
  dotnet: /^ef database (drop|update 0)\b/,
  diesel: /^(database|db) (reset|drop)\b|^migration redo --all\b/,
  sqlx: /^(database|db) (drop|reset)\b/,
  goose: /\b(reset|down-to 0)\b/,
  migrate: /\b(drop|down\b.*-all|force)\b/,
  flyway: /^clean\b/,
  liquibase: /^(drop-all|dropAll|rollback-count|rollbackCount)\b/,
  'mikro-orm': /^(schema:drop|schema:fresh|migration:fresh)\b/,
  dbmate: /^(drop|rollback)\b/,
};

function wordsAfter(args: readonly Arg[], skip: number): string {
  return args
    .slice(skip)
    .map((arg) => arg.value)
    .join(' ');
}

const frameworks: ProgramCheck = {
  programs: [...Object.keys(RESETS), 'python', 'python3', 'php'],
  check(invocation, context) {
    const { program, args } = invocation;
    let tool = program;
    let skip = 0;
    if (program.startsWith('python') || program === 'php') {
      const script = args.findIndex((arg) => !arg.value.startsWith('-'));
      const name = args[script]?.value.split('/').pop() ?? '';
      if (name !== 'manage.py' && name !== 'artisan') return;
      tool = name;
      skip = script + 1;
    }
    const pattern = RESETS[tool];
    if (!pattern) return;
    const rest = wordsAfter(args, skip).replace(/^-\S+\s+/, '');
    if (pattern.test(rest) || (tool === 'alembic' && /^downgrade\b/.test(rest)))
      context.report(frameworkReset);
  },
};

/** Script and target names that announce destruction (`db:reset`, `nuke`, `drop-all`). */
const DESTRUCTIVE_NAME =
  /(^|[:_.-])(drop|reset|wipe|nuke|destroy|purge|truncate|flush|teardown|obliterate)([:_.-]|$)/i;

/** Subcommands of the package managers that are not script names. */
const PACKAGE_MANAGER_COMMANDS =
  /^(install|i|ci|add|remove|uninstall|un|rm|update|up|upgrade|outdated|audit|ls|list|why|info|view|pack|publish|link|unlink|init|create|dlx|exec|x|config|set|cache|store|prune|dedupe|login|logout|whoami|version|help|test|start|build|dev|lint|format|node|pkg|workspace|workspaces|import|patch|rebuild|explain|fund|doctor|bin|root|prefix|search|owner|team|token|access|deprecate|dist-tag|env|restart|stop)$/;

/** `npm run NAME`, `yarn NAME`, `make NAME`: the script or target name is all the guard can see. */
function scriptNames(program: string, args: readonly Arg[]): string[] {
  const words = args
    .map((arg) => arg.value)
    .filter((value) => !value.startsWith('-') && !/^[A-Za-z_]\w*=/.test(value));
  const [first, second] = words;
  if (['npm', 'yarn', 'pnpm', 'bun'].includes(program)) {
    if (first === 'run' || first === 'run-script') return second ? [second] : [];
    return program !== 'npm' && first && !PACKAGE_MANAGER_COMMANDS.test(first) ? [first] : [];
  }
  return words;
}

const scripts: ProgramCheck = {
  programs: ['npm', 'yarn', 'pnpm', 'bun', 'make', 'gmake', 'just', 'task', 'mise'],
  check(invocation, context) {
    const args =
      invocation.program === 'mise'
        ? invocation.args.slice(invocation.args[0]?.value === 'run' ? 1 : invocation.args.length)
        : invocation.args;
    if (scriptNames(invocation.program, args).some((name) => DESTRUCTIVE_NAME.test(name)))
      context.report(resetScript);
    const words = invocation.args.map((arg) => arg.value);
    if (
      invocation.program === 'npm' &&
      ((words[0] === 'pkg' && words[1] === 'set') || words[0] === 'set-script')
    ) {
      context.noteWritten(context.classify('package.json'), 'local');
    }
  },
};

export const frameworkChecks: readonly ProgramCheck[] = [frameworks, scripts];
