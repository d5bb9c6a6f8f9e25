import type { ProgramCheck } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';
import { frameworkReset } from './rules.js';

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
  programs: [
    ...Object.keys(RESETS).filter((name) => !name.includes('.') && name !== 'artisan'),
    'python',
    'python3',
    'php',
  ],
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

export const frameworkChecks: readonly ProgramCheck[] = [frameworks];
