// hosts: in the config: each mistake is named by its path, and a good fleet validates with its defaults.
import { describe, expect, it } from 'vitest';
import { configProblems } from '../../config/validate.js';
import { resolveConfigPaths } from '../../config/paths.js';

const good = () => ({
  hosts: [
    { name: 'box', ssh: 'devbox.example' },
    { name: 'gpu', ssh: '-p 2222 ci@gpu.example', stateDir: '~/.ns', nightshift: '~/.local/bin/nightshift' },
  ],
  agents: [
    { name: 'local', command: 'claude' },
    { name: 'trainer', command: 'claude', host: 'gpu', cwd: '~/src/model' },
  ],
});
type Raw = ReturnType<typeof good> & Record<string, unknown>;

/** name, the change, the path each problem must be reported at */
const CASES: [string, (c: Raw) => void, string[]][] = [
  ['an agent on an unknown host', (c) => (c.agents[1]!.host = 'gpuu'), ['agents[1].host']],
  [
    'two hosts with one name (the agent on the lost name is named too)',
    (c) => (c.hosts[1]!.name = 'box'),
    ['hosts[1].name', 'agents[1].host'],
  ],
  ['a host without ssh', (c) => (c.hosts[0] = { name: 'box' } as never), ['hosts[0].ssh']],
  ['a host with an empty ssh', (c) => (c.hosts[0]!.ssh = ''), ['hosts[0].ssh']],
  ['a host name that is no word', (c) => (c.hosts[0]!.name = 'my box'), ['hosts[0].name']],
  ['a misspelt host key', (c) => (c.hosts[0] = { ...c.hosts[0]!, sshh: 'x' } as never), ['hosts[0].sshh']],
  ['an agent host when no host is declared', (c) => (c.hosts = []), ['agents[1].host']],
];

describe('hosts in the config', () => {
  it('a good fleet validates, with defaults', () => {
    const { config, problems } = configProblems(good());
    expect(problems).toEqual([]);
    expect(config!.hosts[0]).toEqual({
      name: 'box',
      ssh: 'devbox.example',
      stateDir: '~/.nightshift',
      nightshift: 'nightshift',
    });
    expect(config!.agents[0]!.host).toBeUndefined();
  });

  it.each(CASES)('%s', (_name, change, paths) => {
    const raw = good() as Raw;
    change(raw);
    const { config, problems } = configProblems(raw);
    expect(config).toBeUndefined();
    expect(problems.map((p) => p.path)).toEqual(paths);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(5);
  });

  it("a remote agent's cwd is left for its host to resolve; a local one is made absolute", () => {
    const { config } = configProblems(good());
    const resolved = resolveConfigPaths(config!, '/base');
    expect(resolved.agents[0]!.cwd).toBe('/base');
    expect(resolved.agents[1]!.cwd).toBe('~/src/model');
  });
});
