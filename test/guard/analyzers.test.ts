import { describe, expect, it } from 'vitest';
import { scanCode } from '../../core/guard/analyzers/code-facts.js';
import { analyzeSql } from '../../core/guard/analyzers/sql.js';
import { expandBraces } from '../../core/guard/syntax/brace-expansion.js';

describe('analyzeSql', () => {
  it.each([
    ['DROP TABLE users', ['drop']],
    ['drop   table   users', ['drop']],
    ['ALTER TABLE users DROP COLUMN email', ['drop']],
    ['TRUNCATE payments', ['truncate']],
    ['DELETE FROM users', ['delete-all']],
    ['delete from users where true', ['delete-all']],
    ['DELETE FROM users WHERE 1 = 1', ['delete-all']],
    ["DELETE FROM users WHERE id = 3 OR 'a' = 'a'", ['delete-all']],
    ['UPDATE users SET password = NULL', ['update-all']],
    ['WITH gone AS (DELETE FROM users RETURNING id) SELECT count(*) FROM gone', ['delete-all']],
    ['EXPLAIN ANALYZE DELETE FROM users', ['delete-all']],
    ['SELECT 1; DROP TABLE users', ['drop']],
    ['/* note */ DROP TABLE users', ['drop']],
    ['/*!50000 DROP TABLE users */', ['drop']],
    ['GRANT ALL ON users TO public', ['privileges']],
    ["COPY t FROM PROGRAM 'rm -rf ~'", ['program']],
    ["SELECT 'DROP TABLE users' AS example", []],
    ['SELECT * FROM drops', []],
    ['DELETE FROM sessions WHERE expires_at < now()', []],
    ["UPDATE users SET name = 'x' WHERE id = 7", []],
    ['SELECT * FROM orders FOR UPDATE', []],
    ['INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET n = 2', []],
    ['ALTER TABLE a ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES c(id) ON DELETE CASCADE', []],
    ['-- DROP TABLE users\nSELECT 1', []],
    ['SELECT $$DROP TABLE users$$', []],
  ])('%s', (sql, kinds) => {
    expect(analyzeSql(sql).map((finding) => finding.kind)).toEqual(kinds);
  });
});

describe('scanCode', () => {
  it.each([
    ["import shutil; shutil.rmtree('/')", { deletes: true }],
    ["require('fs').rmSync('x', {recursive: true})", { deletes: true }],
    ["import os; os.system('ls')", { runsCommands: true }],
    ["require('child_process').execSync('ls')", { runsCommands: true }],
    ['exec(urlopen(u).read())', { runsCode: true, network: true }],
    ["print('rm -rf /')", { deletes: false, runsCommands: false, runsCode: false }],
    ["console.log('shutil.rmtree')", { deletes: false }],
    ['FileUtils.rm_rf(Dir.home)', { deletes: true, home: true }],
    ["open('/etc/hosts', 'w').write('x')", { writes: true }],
  ])('%s', (code, facts) => {
    expect(scanCode(code)).toMatchObject(facts);
  });

  it('collects the commands backticks run in Ruby and Perl', () => {
    expect(scanCode('puts `rm -rf ~`').shellStrings).toEqual(['rm -rf ~']);
  });
});

describe('expandBraces', () => {
  it.each([
    ['{rm,-rf,~}', ['rm', '-rf', '~']],
    ['a{b,c}d', ['abd', 'acd']],
    ['{1..3}', ['1', '2', '3']],
    ['{a,b}{1,2}', ['a1', 'a2', 'b1', 'b2']],
    ['{x}', ['{x}']],
    ['plain', ['plain']],
  ])('%s', (text, words) => {
    expect(expandBraces(text)).toEqual(words);
  });

  it('refuses to expand into more than a few dozen words', () => {
    expect(expandBraces('{1..1000}')).toBeUndefined();
  });
});
