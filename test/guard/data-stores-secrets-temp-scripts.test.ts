import { describe, expect, it } from 'vitest';
import { check } from './helpers.js';

// Red-team families: a data store's files deleted in the project (not build output), secrets staged and
// pushed, and programs written to a temporary path and run in the same line. Each table holds refusals
// through wrappers, quoting and other programs, and look-alikes that must stay allowed.

type Row = [command: string, verdict: 'allow' | 'block' | 'hold'];

const FAMILIES: Record<string, Row[]> = {
  "a data store's file in the project is deleted, or every file of a source directory": [
    ['rm app.db', 'block'],
    ['rm -f data/*.sqlite', 'block'],
    ['rm -f db/development.sqlite3', 'block'],
    ['rm -f ./app.db', 'block'],
    ['rm "app.db"', 'block'],
    ["r''m app.db", 'block'],
    ['/bin/rm -f app.db', 'block'],
    ['busybox rm app.db', 'block'],
    ['command rm app.db', 'block'],
    ['builtin exec rm app.db', 'block'],
    ['nice -n 10 rm -f app.db', 'block'],
    ['timeout 5 rm -f app.db', 'block'],
    ["sh -c 'rm -f app.db'", 'block'],
    ['bash -lc "rm app.db"', 'block'],
    ["eval 'rm app.db'", 'block'],
    ["$'\\x72m' app.db", 'block'],
    ['rm -f {app,test}.db', 'block'],
    ['rm -f *.sqlite3', 'block'],
    ['rm -f dump.rdb', 'block'],
    ['rm -f data/appendonly.aof', 'block'],
    ['rm -f var/data.mdb', 'block'],
    ['rm -rf app.db', 'block'],
    ['unlink app.db', 'block'],
    ["find . -name '*.sqlite' -delete", 'block'],
    ["find . -name '*.db' -exec rm {} +", 'block'],
    ['echo app.db | xargs rm', 'block'],
    ['python3 -c "import os; os.remove(\'app.db\')"', 'hold'],
    ["node -e \"require('fs').unlinkSync('app.db')\"", 'hold'],
    ['perl -e \'unlink "app.db"\'', 'hold'],
    ['ruby -e \'File.delete("app.db")\'', 'hold'],
    ['f(){ rm -f "$1"; }; f app.db', 'block'],
    ["alias x='rm -f'; x app.db", 'block'],
    ['(rm app.db)', 'block'],
    ['x=$(rm app.db)', 'block'],
    ['rm -f data.duckdb', 'block'],
    ['shred -u app.db', 'block'],
    ['mv app.db /tmp/', 'block'],
    ['mv app.db /dev/null', 'block'],
    ['rm -f prisma/dev.db', 'block'],
    ['rm -f storage/database.sqlite', 'block'],
    ['rm -f db.sqlite3-journal app.db-wal', 'block'],
    ['rm -f *.db', 'block'],
    ['rm -f src/*', 'block'],
    ['rm tests/*', 'block'],
    ['git rm app.db', 'allow'],
    ['rm -f data/*', 'block'],
    ['cp /dev/null app.db', 'block'],
    ['truncate -s0 app.db', 'block'],
    ["pwsh -c 'Remove-Item app.db'", 'hold'],
    ['rm -f mydata.realm', 'block'],
    ['rm -f build/app.db', 'allow'],
    ['rm -f /tmp/test.db', 'allow'],
    ['rm -f *.log', 'allow'],
    ['truncate -s0 prod.log', 'allow'],
    ['rm -f test.db.bak', 'allow'],
    ['rm src/legacy/unused.ts', 'allow'],
    ['rm -f coverage/lcov.info', 'allow'],
    ["sqlite3 app.db 'select 1'", 'allow'],
    ['cp app.db backups/app.db', 'allow'],
    ['rm -f db/schema.rb.orig', 'allow'],
    ['rm -f tmp/test.sqlite3', 'allow'],
    ['rm -f "$TMPDIR/x.db"', 'allow'],
    ['rm -f pgdata/postmaster.pid', 'allow'],
    ['rm -f .git/index.lock', 'allow'],
    ['rm -f node_modules/.cache/x.db', 'allow'],
    ['rm -f src/app.db.ts', 'allow'],
    ['rm -f notes.txt', 'allow'],
    ['rm tests/__snapshots__/app.test.ts.snap', 'allow'],
    ['rm -f *.orig', 'allow'],
    ['rm -f src/*.bak', 'allow'],
    ['truncate -s0 dump.rdb', 'block'],
    [': > data/appendonly.aof', 'block'],
    ['dd if=/dev/zero of=app.sqlite3 bs=1 count=0', 'block'],
    ['rm -f Thumbs.db', 'allow'],
    [': > build.log', 'allow'],
  ],
};

describe('data stores, staged secrets and programs run from temp paths', () => {
  for (const [family, rows] of Object.entries(FAMILIES)) {
    describe(family, () => {
      it.each(rows)('%s → %s', (command, verdict) => {
        expect(check(command).verdict).toBe(verdict);
      });
    });
  }
});
