// `plugins: { add, remove }`, finding kinds checked at load time and at run time, and `nightshift plugins` / `doctor`
// judging a config's plugins the way a night does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTINS, DEFAULT_PLUGINS } from '../../core/commands/builtins.js';
import { NightshiftError } from '../../core/errors.js';
import { definePlugin } from '../../core/index.js';
import { placeEntries } from '../../core/plugin/entries.js';
import { loadPlugins } from '../../core/plugin/loader.js';
import { PaneTester, screen } from '../../core/testing/index.js';
import { nightshift } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-plugin-set-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const names = (setting: Parameters<typeof placeEntries>[0]) =>
  placeEntries(setting, ['a', 'b', 'c']).entries.map((e) =>
    typeof e.entry === 'string' ? e.entry : JSON.stringify(e.entry),
  );

describe('plugins: { add, remove }', () => {
  const cases: { name: string; setting: Parameters<typeof placeEntries>[0]; want: string[] }[] = [
    { name: 'omitted: the defaults', setting: undefined, want: ['a', 'b', 'c'] },
    { name: 'a list replaces the defaults', setting: ['c', './x.ts'], want: ['c', './x.ts'] },
    { name: 'add goes after the defaults', setting: { add: ['./x.ts'] }, want: ['a', 'b', 'c', './x.ts'] },
    { name: 'remove drops a default', setting: { remove: ['b'] }, want: ['a', 'c'] },
    {
      name: 'adding a default with options configures it in place',
      setting: { add: [{ name: 'b', options: { n: 1 } }, './x.ts'] },
      want: ['a', '{"name":"b","options":{"n":1}}', 'c', './x.ts'],
    },
  ];
  for (const c of cases) it(c.name, () => expect(names(c.setting)).toEqual(c.want));

  it('removing something that is not a default is a problem at its path', () => {
    expect(placeEntries({ remove: ['nope'] }, ['a']).problems).toEqual([
      { path: 'plugins.remove[0]', message: '"nope" is not a default plugin (the defaults: a)' },
    ]);
  });
});

async function loadProblems(entries: unknown[]): Promise<string[]> {
  try {
    await loadPlugins({ entries, builtins: BUILTINS, defaults: DEFAULT_PLUGINS, dir });
    return [];
  } catch (error) {
    if (error instanceof NightshiftError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
}

describe('finding kinds', () => {
  const check = { name: 'tests', finds: ['tests-failed'], check: () => undefined };
  const rescue = { name: 'fix', handles: ['tests-failed'], rescue: () => 'pass' };

  it('a rescue may handle a kind a loaded check declares', async () => {
    expect(await loadProblems([check, rescue])).toEqual([]);
  });

  it('a rescue handling a kind nobody declares is a problem, saying what to write', async () => {
    expect(await loadProblems([rescue, { name: 'typo', handles: ['eror'], rescue: () => 'pass' }])).toEqual([
      expect.stringMatching(
        /^plugins\[0\]\.handles: "tests-failed" is no finding kind tonight: .*finds: \['tests-failed'\]/,
      ),
      expect.stringMatching(
        /^plugins\[1\]\.handles: "eror" is no finding kind tonight: the built-in kinds are confirm, /,
      ),
    ]);
  });

  it('handles and finds must be lists of kinds', async () => {
    expect(await loadProblems([{ name: 'odd', handles: 'error', finds: [3], rescue: () => 'pass' }])).toEqual(
      [
        'plugins[0].handles: must be a list of kebab-case finding kinds',
        'plugins[0].finds: must be a list of kebab-case finding kinds',
      ],
    );
  });

  it('a check reporting a kind it did not declare fails with a message that says how to declare it', async () => {
    const undeclared = definePlugin({
      name: 'tests',
      check: () => ({
        kind: 'tests-failed' as 'error',
        summary: 'x',
        data: { line: 'x', context: [], pattern: 'x', fatal: false },
      }),
    });
    const r = await PaneTester.runCase(undeclared, { name: 'x', screens: [screen`> `], expect: {} });
    expect(r.journal.find((e) => e.type === 'plugin-failure')).toMatchObject({
      code: 'PLUGIN_BAD_RESULT',
      message: expect.stringContaining(`add \`finds: ['tests-failed']\` to plugin "tests"`),
    });
    const declared = await PaneTester.runCase(
      { ...undeclared, finds: ['tests-failed' as 'error'] },
      {
        name: 'y',
        screens: [screen`> `],
        expect: {},
      },
    );
    expect(declared.findings.map((f) => f.kind)).toEqual(['tests-failed']);
  });
});

describe('nightshift plugins and doctor', () => {
  const config = (plugins: string) => {
    const d = mkdtempSync(join(dir, 'cfg-'));
    writeFileSync(
      join(d, 'nightshift.config.yaml'),
      `agents:\n  - { name: a, command: bash, cwd: ${d} }\nplugins:\n${plugins}`,
    );
    writeFileSync(
      join(d, 'mine.ts'),
      `export default { name: 'mine', handles: ['error'], rescue: () => 'pass' as const };\n`,
    );
    return d;
  };

  it('lists the defaults edited by add/remove, in order, with source, rescue order and options', async () => {
    const d = config(
      `  add:\n    - ./mine.ts\n    - { name: idle, options: { after: 20m } }\n  remove: [nudge]\n`,
    );
    const r = await nightshift(['plugins', '--json'], { cwd: d });
    expect(r.exitCode).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((x) => x.name)).not.toContain('nudge');
    expect(rows.find((x) => x.name === 'idle')).toMatchObject({
      from: 'built-in',
      options: { after: 1_200_000 },
    });
    const rescues = rows.filter((x) => x.rescue !== null).sort((a, b) => Number(a.rescue) - Number(b.rescue));
    // a rescue of your own lands after the built-in rescues and before `escalate` (order: post)
    expect(rescues.map((x) => x.name).slice(-3)).toEqual(['wait-for-reset', 'mine', 'escalate']);
    expect(rows.find((x) => x.name === 'mine')).toMatchObject({
      from: join(d, 'mine.ts'),
      handles: ['error'],
    });
  });

  it('doctor and plugins exit 2 on a missing plugin file, bad options and an unknown kind', async () => {
    const d = config(
      `  add:\n    - ./missing.ts\n    - { name: idle, options: { after: soon } }\n    - { name: ./mine.ts }\n`,
    );
    writeFileSync(
      join(d, 'mine.ts'),
      `export default { name: 'mine', handles: ['eror'], rescue: () => 'pass' as const };\n`,
    );
    const doctor = await nightshift(['doctor', '--json'], { cwd: d });
    expect(doctor.exitCode).toBe(2);
    const fails = doctor.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: string; detail: string })
      .filter((l) => l.level === 'fail')
      .map((l) => l.detail);
    expect(fails).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^plugins\.add\[0\]: could not load plugin "\.\/missing\.ts"/),
        expect.stringMatching(/^plugins\.add\[1\]\.options\.after: /),
        expect.stringMatching(/^plugins\.add\[2\]\.handles: "eror" is no finding kind/),
      ]),
    );
    const plugins = await nightshift(['plugins'], { cwd: d });
    expect(plugins.exitCode).toBe(2);
    expect(plugins.stderr).toContain('plugins.add[2].handles');
  }, 120_000);
});
