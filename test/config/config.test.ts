import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, resolveConfig } from '../../config/load.js';
import { STARTER_CONFIG } from '../../config/starter.js';
import { NightshiftError, type Problem } from '../../core/errors.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ns-config-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The problems a config raises, or [] when it is valid. */
function problemsOf(raw: unknown, env: NodeJS.ProcessEnv = {}): Problem[] {
  try {
    resolveConfig(raw, { cwd: '/tmp', env });
    return [];
  } catch (error) {
    if (error instanceof NightshiftError) return [...error.problems];
    throw error;
  }
}

const agent = { name: 'builder', command: 'claude' };

describe('config validation', () => {
  it.each<[string, unknown, Problem[]]>([
    [
      'a missing command',
      { agents: [agent, { name: 'b' }] },
      [{ path: 'agents[1].command', message: 'required' }],
    ],
    ['no agents', { agents: [] }, [{ path: 'agents', message: 'declare at least one agent' }]],
    [
      'a bad duration',
      { agents: [agent], watch: { interval: 'soon' } },
      [{ path: 'watch.interval', message: 'not a duration: "soon" (write it like "2s")' }],
    ],
    [
      'an unknown key',
      { agents: [agent], wacth: {} },
      [{ path: 'wacth', message: 'unknown key (check the spelling)' }],
    ],
    [
      'a bad time zone',
      { agents: [agent], timezone: 'Mars/Olympus' },
      [{ path: 'timezone', message: 'not a time zone: use an IANA name such as "Europe/Berlin" or "UTC"' }],
    ],
    [
      'duplicate agent names',
      { agents: [agent, agent] },
      [{ path: 'agents[1].name', message: '"builder" is already used by agents[0]' }],
    ],
    [
      'a verb that is not one word',
      { agents: [agent], guard: { verbs: { destroy: ['Drop Table'] } } },
      [
        {
          path: 'guard.verbs.destroy[0]',
          message: 'a lower-case subcommand word such as "peek" or "ship-it"',
        },
      ],
    ],
    [
      'duration and end together',
      { agents: [agent], night: { duration: '7h', end: '0 6 * * *' } },
      [{ path: 'night', message: 'give either duration or end, not both' }],
    ],
  ])('reports %s with its path', (_, raw, expected) => {
    expect(problemsOf(raw)).toEqual(expected);
  });

  it('lists every problem at once, not just the first', () => {
    const problems = problemsOf({
      agents: [{ name: 'a' }, { command: 'x' }],
      watch: { interval: 'x' },
      bogus: 1,
    });
    expect(problems.map((p) => p.path).sort()).toEqual([
      'agents[0].command',
      'agents[1].name',
      'bogus',
      'watch.interval',
    ]);
  });

  it('resolves ${VAR} from the environment and remembers the value as a secret', () => {
    const loaded = resolveConfig(
      {
        agents: [agent],
        report: { email: { to: 'me@example.com', from: 'ns@example.com', smtp: '${SMTP_URL}' } },
      },
      { cwd: '/tmp', env: { SMTP_URL: 'smtp://u:hunter22@mail.example.com:587' } },
    );
    expect(loaded.config.report.email?.smtp).toBe('smtp://u:hunter22@mail.example.com:587');
    expect(loaded.secrets).toContain('smtp://u:hunter22@mail.example.com:587');
  });

  it('names a missing environment variable with the path that uses it', () => {
    expect(problemsOf({ agents: [{ ...agent, env: { TOKEN: '${API_TOKEN}' } }] })).toContainEqual({
      path: 'agents[0].env.TOKEN',
      message: 'environment variable API_TOKEN is not set (export it, or write ${API_TOKEN:-default})',
    });
  });

  it('applies defaults and turns durations into milliseconds', () => {
    const { config } = resolveConfig(
      { agents: [agent], night: { duration: '7h' } },
      { cwd: '/srv/fleet', env: {} },
    );
    expect(config.watch.interval).toBe(2000);
    expect(config.night.duration).toBe(7 * 3_600_000);
    expect(config.stateDir).toBe('/srv/fleet/nightshift-state');
    expect(config.agents[0]?.cwd).toBe('/srv/fleet');
    expect(config.agents[0]?.profile).toBe('auto');
  });

  it('the config example in the README is valid', () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const yamlBlock = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(yamlBlock).toContain('agents:');
    expect(problemsOf(parseYaml(yamlBlock), { SMTP_URL: 'smtp://127.0.0.1:2525' })).toEqual([]);
  });

  it('the starter config written by `nightshift init` is valid', () => {
    expect(problemsOf(parseYaml(STARTER_CONFIG))).toEqual([]);
  });
});

describe('loadConfig', () => {
  it('finds nightshift.config.yaml by searching from the working directory', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'nightshift.config.yaml'),
      'agents:\n  - { name: a, command: claude, cwd: ./work }\n',
    );
    const loaded = await loadConfig({ cwd: dir, env: {} });
    expect(loaded.filepath).toBe(join(dir, 'nightshift.config.yaml'));
    expect(loaded.config.agents[0]?.cwd).toBe(join(dir, 'work'));
  });

  it('loads a TypeScript config using defineConfig', async () => {
    const dir = tempDir();
    const define = join(process.cwd(), 'config/define.ts');
    writeFileSync(
      join(dir, 'nightshift.config.ts'),
      `import { defineConfig } from ${JSON.stringify(define)};\nexport default defineConfig({ agents: [{ name: 'ts', command: 'codex' }], watch: { interval: '5s' } });\n`,
    );
    const loaded = await loadConfig({ cwd: dir, env: {} });
    expect(loaded.config.agents[0]?.name).toBe('ts');
    expect(loaded.config.watch.interval).toBe(5000);
  });

  it('--config pointing at a missing file says so', async () => {
    await expect(loadConfig({ file: 'nope.yaml', cwd: tempDir(), env: {} })).rejects.toMatchObject({
      code: 'CONFIG_NOT_FOUND',
    });
  });

  it('a syntax error in the file is a load failure, not a crash', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nightshift.config.json'), '{ "agents": [ ');
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toMatchObject({
      code: 'CONFIG_LOAD_FAILED',
      exitCode: 2,
    });
  });
});
