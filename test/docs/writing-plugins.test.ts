// Every TypeScript block in docs/writing-plugins.md compiles against the public API (imported by name, as a plugin
// author's project does; tsconfig paths map the names to the sources here).
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const doc = readFileSync(join(repo, 'docs', 'writing-plugins.md'), 'utf8');
/** The ```ts blocks, each named by its first-line path comment (`// plugins/fix-tests.ts`) or its place. */
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => {
  const code = m[1]!;
  const named = /^\/\/ (plugins\/[\w.-]+\.ts)\n/.exec(code);
  return {
    file: named ? named[1]! : `block-${i + 1}.ts`,
    code: /^(import|export)\b/m.test(code) ? code : `${code}\nexport {};\n`,
  };
});
const dir = mkdtempSync(join(repo, '.docs-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/writing-plugins.md', () => {
  it('has TypeScript blocks, and every one compiles', async () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    for (const b of blocks) {
      mkdirSync(dirname(join(dir, b.file)), { recursive: true });
      writeFileSync(join(dir, b.file), b.code);
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../tsconfig.json',
        compilerOptions: {
          paths: {
            nightshift: ['../core/index.ts'],
            'nightshift/testing': ['../core/testing/index.ts'],
            'nightshift/plugins': ['../plugins/index.ts'],
          },
        },
        include: blocks.map((b) => b.file),
      }),
    );
    const tsc = await execa(
      process.execPath,
      [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir],
      {
        reject: false,
        all: true,
      },
    );
    expect(tsc.all).toBe('');
    expect(tsc.exitCode).toBe(0);
  }, 180_000);
});
