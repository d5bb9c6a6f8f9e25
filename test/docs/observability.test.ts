// docs/observability.md and its Grafana dashboard name only metrics the endpoint serves, and the doc lists every one
// of ours (read from a real registry through a real Prometheus parser).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import parsePrometheus from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { FleetMetrics } from '../../core/http/metrics.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const doc = readFileSync(join(repo, 'docs', 'observability.md'), 'utf8');
const dashboard = JSON.parse(
  readFileSync(join(repo, 'docs', 'grafana', 'nightshift-dashboard.json'), 'utf8'),
) as { panels: { title: string; targets: { expr: string }[] }[] };

/** The metric families the endpoint serves (histograms as their base name). */
async function served(): Promise<Set<string>> {
  const metrics = new FleetMetrics(() => undefined, '/nonexistent');
  metrics.open(['a']);
  return new Set(parsePrometheus(await metrics.text()).map((f) => f.name));
}

/** Metric names in a PromQL expression, `_bucket`/`_sum`/`_count` folded into their histogram. */
function namesIn(expr: string): string[] {
  return [...expr.matchAll(/\b((?:nightshift|process|nodejs)_[a-z_]+)/g)].map((m) =>
    m[1]!.replace(/_(bucket|sum|count)$/, ''),
  );
}

describe('docs/observability.md', () => {
  it('every dashboard panel queries metrics the endpoint serves', async () => {
    const names = await served();
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(10);
    for (const panel of dashboard.panels)
      for (const target of panel.targets)
        for (const name of namesIn(target.expr)) expect(names, `${panel.title}: ${name}`).toContain(name);
  });

  it('lists every nightshift_ metric, and only those', async () => {
    const ours = [...(await served())].filter((n) => n.startsWith('nightshift_')).sort();
    const listed = [...new Set([...doc.matchAll(/^\| `(nightshift_[a-z_]+)`/gm)].map((m) => m[1]!))].sort();
    expect(listed).toEqual(ours);
  });
});
