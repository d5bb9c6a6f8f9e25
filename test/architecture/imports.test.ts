import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, graphOf, readGraph, upwardImports } from './import-graph.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const graph = readGraph(repo, ['core', 'config', 'plugins', 'reports']);

describe('the source tree', () => {
  it('imports run one way: commands → runner → plugins API → journal → screen/guard → tmux → files/log/errors', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('is read: the runner, the screen and the guard are all in the graph', () => {
    expect(graph.get('core/watch/tick.ts')).toContain('core/actuator/index.ts');
    expect(graph.size).toBeGreaterThan(100);
  });
});

const cases: { name: string; sources: Record<string, string>; upward: string[]; cycles: string[] }[] = [
  {
    name: 'a screen file importing the runner runs upwards',
    sources: {
      'core/screen/a.ts': "import { tick } from '../watch/tick.js';",
      'core/watch/tick.ts': "import type { A } from '../screen/a.js';",
    },
    upward: ['core/screen/a.ts -> core/watch/tick.ts'],
    cycles: ['core/screen/a.ts <-> core/watch/tick.ts'],
  },
  {
    name: 'a command importing the runner, the runner tmux: downwards, no cycle',
    sources: {
      'core/commands/night.ts': "export { runNight } from '../night/night.js';",
      'core/night/night.ts': "import type { Tmux } from '../tmux/types.js';",
      'core/tmux/types.ts': 'export type Tmux = object;',
    },
    upward: [],
    cycles: [],
  },
  {
    name: 'a three-file circle inside one folder is a cycle though no layer is crossed',
    sources: {
      'core/guard/a.ts': "import { b } from './b.js';",
      'core/guard/b.ts': "import { c } from './sub/c.js';",
      'core/guard/sub/c.ts': "const a = await import('../a.js');",
    },
    upward: [],
    cycles: ['core/guard/a.ts <-> core/guard/b.ts <-> core/guard/sub/c.ts'],
  },
  {
    name: 'tmux importing errors is downwards; errors importing tmux is not',
    sources: {
      'core/tmux/tmux.ts': "import { NightshiftError } from '../errors.js';",
      'core/errors.ts': "import type { Tmux } from './tmux/types.js';",
    },
    upward: ['core/errors.ts -> core/tmux/types.ts'],
    cycles: [],
  },
];

describe.each(cases)('$name', ({ sources, upward, cycles: expected }) => {
  const g = graphOf(new Map(Object.entries(sources)));
  it('upward imports', () => expect(upwardImports(g)).toEqual(upward));
  it('cycles', () => expect(cycles(g)).toEqual(expected));
});
