// The import graph of the source tree, and the two rules it must keep: imports run one way through the layers
// (commands → runner → plugins API → journal → screen/guard → tmux → files/log/errors), and no file imports
// itself back through others (no cycle). Used by imports.test.ts; see docs/architecture.md.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

/** Each file's relative imports, resolved to repository paths ('core/watch/tick.ts'). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/**
 * Layers, highest first: a file may import its own layer or a lower one. A folder (or file) not listed here is
 * not ranked (config/ is read by every layer and validates with the schemas of several; plugins/ are held to the
 * public API by eslint).
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['core/cli.ts', 'core/commands', 'core/testing', 'core/replay'],
  ['core/night', 'core/watch', 'core/actuator', 'core/http'],
  ['core/index.ts', 'core/plugin'],
  ['core/journal', 'core/hosts'],
  ['core/screen', 'core/guard'],
  ['core/tmux', 'core/logs', 'core/housekeeping'],
  ['core/files', 'core/log.ts', 'core/errors.ts', 'core/duration.ts'],
];

/** Reads every .ts file under `roots` (relative to `repo`) and resolves its relative imports. */
export function readGraph(repo: string, roots: readonly string[]): ImportGraph {
  const sources = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(repo, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
        sources.set(path, readFileSync(join(repo, path), 'utf8'));
    }
  };
  roots.forEach(walk);
  return graphOf(sources);
}

/** The import graph of in-memory sources (path → text). */
export function graphOf(sources: ReadonlyMap<string, string>): ImportGraph {
  const graph = new Map<string, string[]>();
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const [file, text] of sources) {
    const targets = [...text.matchAll(pattern)].map((m) =>
      posix.normalize(posix.join(dirname(file), m[1]!)).replace(/\.js$/, '.ts'),
    );
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The layer index of a file (0 = highest), or undefined when it is not ranked. */
export function layerOf(file: string): number | undefined {
  const i = LAYERS.findIndex((layer) => layer.some((p) => file === p || file.startsWith(`${p}/`)));
  return i < 0 ? undefined : i;
}

/** Imports that run upwards: "from -> to" for each file importing a higher layer. */
export function upwardImports(graph: ImportGraph): string[] {
  const wrong: string[] = [];
  for (const [from, targets] of graph) {
    const own = layerOf(from);
    if (own === undefined) continue;
    for (const to of targets) {
      const theirs = layerOf(to);
      if (theirs !== undefined && theirs < own) wrong.push(`${from} -> ${to}`);
    }
  }
  return wrong.sort();
}

/** Every import cycle, each as the files around it ("a -> b -> a"); empty when there is none. */
export function cycles(graph: ImportGraph): string[] {
  // Tarjan's strongly connected components; a component of more than one file (or a file importing itself) is a cycle
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort().join(' <-> '));
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found.sort();
}
