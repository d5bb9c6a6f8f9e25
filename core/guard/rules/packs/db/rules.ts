import { defineRule } from '../../../rule.js';

// Databases: statements that destroy data, wherever the SQL comes from, and framework commands that reset a database.

export const drop = defineRule({
  id: 'core.db.drop',
  verdict: 'block',
  reason: 'drops a database, table, column or collection',
  alternative: 'write a migration and leave running it against real data to a person',
  examples: [
    { command: "psql -c 'DROP DATABASE production'", verdict: 'block' },
    { command: 'psql -c "ALTER TABLE users DROP COLUMN email"', verdict: 'block' },
    { command: 'mysql -e "drop   table   users"', verdict: 'block' },
    { command: 'sqlite3 app.db "drop table if exists sessions"', verdict: 'block' },
    { command: "psql <<< 'DROP TABLE users;'", verdict: 'block' },
    { command: "docker exec db psql -U postgres -c 'DROP DATABASE app'", verdict: 'block' },
    { command: 'mongosh prod --eval "db.users.drop()"', verdict: 'block' },
    { command: 'cqlsh -e "DROP KEYSPACE prod"', verdict: 'block' },
    { command: 'psql -c "SELECT \'DROP TABLE users\' AS example"', verdict: 'allow' },
    { command: "grep -rn 'DROP TABLE' migrations/", verdict: 'allow' },
  ],
});

export const truncate = defineRule({
  id: 'core.db.truncate',
  verdict: 'block',
  reason: 'empties a table (TRUNCATE)',
  examples: [
    { command: 'psql -c "TRUNCATE TABLE payments"', verdict: 'block' },
    { command: 'psql -c "SELECT * FROM payments LIMIT 5"', verdict: 'allow' },
  ],
});

export const deleteAll = defineRule({
  id: 'core.db.delete-all',
  verdict: 'block',
  reason: 'deletes every row or key (DELETE without a narrowing WHERE, FLUSHALL, deleteMany({}))',
  alternative: 'add a WHERE clause that selects the rows to delete',
  examples: [
    { command: 'psql -c "DELETE FROM users"', verdict: 'block' },
    { command: 'psql -c "delete from users where true"', verdict: 'block' },
    { command: 'mysql shop -e "DELETE FROM orders WHERE 1=1"', verdict: 'block' },
    { command: 'redis-cli FLUSHALL', verdict: 'block' },
    { command: "redis-cli --scan --pattern '*' | xargs redis-cli del", verdict: 'block' },
    { command: 'psql -c "DELETE FROM sessions WHERE expires_at < now()"', verdict: 'allow' },
  ],
});

export const updateAll = defineRule({
  id: 'core.db.update-all',
  verdict: 'block',
  reason: 'updates every row (UPDATE without a narrowing WHERE)',
  alternative: 'add a WHERE clause that selects the rows to change',
  examples: [
    { command: 'psql -d app -c "UPDATE users SET password = NULL"', verdict: 'block' },
    { command: 'psql -c "UPDATE users SET name = \'x\' WHERE id = 7"', verdict: 'allow' },
  ],
});

export const privileges = defineRule({
  id: 'core.db.privileges',
  verdict: 'hold',
  reason: 'changes database privileges (GRANT, REVOKE)',
  examples: [{ command: 'psql -c "GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC"', verdict: 'hold' }],
});

export const unknownSql = defineRule({
  id: 'core.db.unknown-sql',
  verdict: 'hold',
  reason: 'runs SQL from a file, a pipe or a variable, which the guard cannot read',
  examples: [
    { command: 'psql -f cleanup.sql', verdict: 'hold' },
    { command: 'psql app < dump.sql', verdict: 'hold' },
    { command: 'psql -c "$QUERY"', verdict: 'hold' },
    { command: 'psql -c "$(echo DROP TABLE users)"', verdict: 'hold' },
    { command: "psql -c '\\dt'", verdict: 'allow' },
  ],
});

export const dropDatabase = defineRule({
  id: 'core.db.drop-database',
  verdict: 'block',
  reason: 'deletes a database or its contents with an admin tool (dropdb, mysqladmin drop, restore --clean)',
  examples: [
    { command: 'dropdb production', verdict: 'block' },
    { command: 'mysqladmin -u root -f drop shop', verdict: 'block' },
    { command: 'pg_restore --clean -d app backup.dump', verdict: 'block' },
    { command: 'pg_dump -Fc app > backup.dump', verdict: 'allow' },
  ],
});

export const serverAdmin = defineRule({
  id: 'core.db.server-admin',
  verdict: 'block',
  reason: 'shuts down or reconfigures a database server',
  examples: [
    { command: 'redis-cli SHUTDOWN', verdict: 'block' },
    { command: 'mysqladmin shutdown', verdict: 'block' },
    { command: 'redis-cli info', verdict: 'allow' },
  ],
});

export const frameworkReset = defineRule({
  id: 'core.db.framework-reset',
  verdict: 'block',
  reason: 'a framework command that drops, resets or wipes the database',
  alternative: 'run the forward migration (migrate dev, db:migrate) instead',
  examples: [
    { command: 'npx prisma migrate reset --force', verdict: 'block' },
    { command: 'rails db:drop', verdict: 'block' },
    { command: 'rake db:drop:all', verdict: 'block' },
    { command: 'python manage.py flush --noinput', verdict: 'block' },
    { command: 'npx sequelize-cli db:drop', verdict: 'block' },
    { command: 'npx knex migrate:rollback --all', verdict: 'block' },
    { command: 'php artisan migrate:fresh', verdict: 'block' },
    { command: 'npx prisma migrate dev --name add-users', verdict: 'allow' },
    { command: 'alembic upgrade head', verdict: 'allow' },
    { command: 'python manage.py makemigrations', verdict: 'allow' },
  ],
});

export const resetScript = defineRule({
  id: 'core.db.reset-script',
  verdict: 'hold',
  reason:
    'runs a project script whose name says it drops, resets or wipes data; the guard cannot read the script',
  examples: [
    { command: 'npm run db:reset', verdict: 'hold' },
    { command: 'make nuke', verdict: 'hold' },
    { command: 'yarn db:drop', verdict: 'hold' },
    { command: 'npm run db:migrate', verdict: 'allow' },
    { command: 'make test', verdict: 'allow' },
  ],
});
