// The plugin starter in a project of its own: the package is built and packed (npm pack), unpacked into a fresh
// folder's node_modules as `npm install <tarball>` would (its dependencies linked from this checkout's installed
// node_modules, so the test runs offline), `nightshift init --plugin` writes the starter, and its test and tsc pass
// there with no path into this project's sources.
import { execa } from 'execa';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'ns-starter-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('nightshift init --plugin, in a fresh project', () => {
  it('writes a plugin, its test and a tsconfig that pass against the packed package', async () => {
    const build = await execa('npx', ['tsup', '--silent'], { cwd: repo, reject: false, all: true });
    expect(build.exitCode, build.all).toBe(0);
    const pack = await execa('npm', ['pack', '--silent', '--pack-destination', work], {
      cwd: repo,
      all: true,
    });
    const tarball = join(work, pack.stdout.trim().split('\n').at(-1)!);

    const project = join(work, 'my-plugins');
    const modules = join(project, 'node_modules');
    mkdirSync(join(modules, 'nightshift'), { recursive: true });
    await execa('tar', ['-xzf', tarball, '-C', join(modules, 'nightshift'), '--strip-components=1']);
    const installed = realpathSync(join(repo, 'node_modules'));
    for (const name of readdirSync(installed))
      if (!['nightshift', '.bin', '.package-lock.json'].includes(name))
        symlinkSync(join(installed, name), join(modules, name));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'my-plugins', private: true, type: 'module' }),
    );

    const cli = join(modules, 'nightshift', 'dist', 'cli.js');
    const init = await execa(process.execPath, [cli, 'init', '--plugin', 'keep-going'], {
      cwd: project,
      all: true,
    });
    expect(init.stdout).toContain('keep-going.test.ts');
    const written = ['keep-going.ts', 'keep-going.test.ts', 'tsconfig.json'];
    expect(readdirSync(project).sort()).toEqual([...written, 'node_modules', 'package.json'].sort());
    for (const f of written) expect(readFileSync(join(project, f), 'utf8')).not.toContain(repo);

    const tsc = await execa(process.execPath, [join(modules, 'typescript', 'bin', 'tsc'), '-p', '.'], {
      cwd: project,
      reject: false,
      all: true,
    });
    expect(tsc.all).toBe('');
    const test = await execa(process.execPath, [join(modules, 'vitest', 'vitest.mjs'), 'run'], {
      cwd: project,
      reject: false,
      all: true,
      env: { CI: '1' },
    });
    expect(test.exitCode, test.all).toBe(0);
    expect(test.all).toMatch(/2 passed/);
  }, 600_000);
});
