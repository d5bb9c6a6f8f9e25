import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NightshiftError } from '../../core/errors.js';
import { loadPlugins } from '../../core/plugin/loader.js';
import type { Plugin } from '../../core/plugin/types.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ns-loader-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const idle: Plugin<{ after: number }> = {
  name: 'idle',
  options: z.strictObject({ after: z.number().int().positive().default(600) }),
  check: () => undefined,
};
const builtins = new Map<string, Plugin<any, any>>([['idle', idle]]); // eslint-disable-line @typescript-eslint/no-explicit-any

async function problems(entries: unknown[], dir = tempDir()) {
  try {
    await loadPlugins({ entries, builtins, defaults: [], dir });
    return [];
  } catch (error) {
    if (error instanceof NightshiftError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
}

describe('loadPlugins', () => {
  it('loads built-ins by name with their default options, frozen', async () => {
    const [loaded] = await loadPlugins({ entries: ['idle'], builtins, defaults: [], dir: tempDir() });
    expect(loaded?.from).toBe('built-in');
    expect(loaded?.options).toEqual({ after: 600 });
    expect(Object.isFrozen(loaded?.options)).toBe(true);
  });

  it('uses the default set when the config lists no plugins, and skips falsy entries', async () => {
    expect(
      (await loadPlugins({ entries: undefined, builtins, defaults: ['idle'], dir: tempDir() })).map(
        (p) => p.plugin.name,
      ),
    ).toEqual(['idle']);
    expect(
      await loadPlugins({ entries: [false, null, undefined], builtins, defaults: ['idle'], dir: tempDir() }),
    ).toEqual([]);
  });

  it('loads a relative .ts file without a build step', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'retry.ts'),
      `const plugin: { name: string; check(): undefined } = { name: 'retry', check: () => undefined };\nexport default plugin;\n`,
    );
    const [loaded] = await loadPlugins({ entries: ['./retry.ts'], builtins, defaults: [], dir });
    expect(loaded?.plugin.name).toBe('retry');
    expect(loaded?.from).toBe(join(dir, 'retry.ts'));
  });

  it('loads an installed npm package by name', async () => {
    const dir = tempDir();
    const pkg = join(dir, 'node_modules', 'nightshift-plugin-hello');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: 'nightshift-plugin-hello', type: 'module', main: 'index.js' }),
    );
    writeFileSync(
      join(pkg, 'index.js'),
      `export default { name: 'hello', check() { return undefined; } };\n`,
    );
    const [loaded] = await loadPlugins({ entries: ['nightshift-plugin-hello'], builtins, defaults: [], dir });
    expect(loaded?.plugin.name).toBe('hello');
    expect(loaded?.from).toBe('nightshift-plugin-hello');
  });

  it('reports every problem at once, each with its path', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nameless.mjs'), 'export default { check() {} };\n');
    expect(
      await problems(
        [
          { name: 'idle', options: { after: -5, typo: 1 } },
          'no-such-plugin',
          './nameless.mjs',
          { name: 'hello', check: () => undefined },
          { name: 'hello', check: () => undefined },
          42,
        ],
        dir,
      ),
    ).toEqual([
      'plugins[0].options.after: Too small: expected number to be >0',
      'plugins[0].options: Unrecognized key: "typo"',
      expect.stringMatching(/^plugins\[1\]: no built-in plugin or installed package named "no-such-plugin"/),
      'plugins[2].name: a kebab-case name is required (e.g. "retry-tests")',
      'plugins[4]: plugin "hello" is already loaded by plugins[3]',
      'plugins[5]: expected a plugin name, a path, { name, options }, or a plugin object',
    ]);
  });

  it('names a plugin file that fails to import', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.mjs'), 'export default {;\n');
    expect(await problems(['./broken.mjs'], dir)).toEqual([
      expect.stringMatching(/^plugins\[0\]: could not load plugin "\.\/broken\.mjs" from .*broken\.mjs/),
    ]);
  });
});
