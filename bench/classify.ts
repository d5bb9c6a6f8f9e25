// Classifier cost per snapshot over the screen corpus: `npx tsx bench/classify.ts` (SCREENS=DIR for another folder).
// The runner classifies every pane on every tick, so this must stay in the tens of microseconds.
import { performance } from 'node:perf_hooks';
import { classify } from '../core/screen/classify.js';
import { snapshotFromText } from '../core/screen/text-snapshot.js';
import { loadCorpus } from '../test/screen/corpus.js';

const ROUNDS = Number(process.env.ROUNDS ?? 200);
const now = new Date('2026-11-21T02:00:00Z');
const screens = loadCorpus(process.env.SCREENS || undefined);
if (screens.length === 0) {
  console.error('no screens: the corpus is expected at ../shared/corpus/screens');
  process.exit(1);
}
const snapshots = screens.map((s) => ({
  name: s.name,
  snapshot: snapshotFromText(s.text, s.state, { at: now }),
}));

// warm up: JIT, profile compilation, Intl formatters
for (let i = 0; i < 50; i++)
  for (const { snapshot } of snapshots) classify(snapshot, { now, timezone: 'UTC' });

const perScreen = snapshots.map(({ name, snapshot }) => {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    classify(snapshot, { now, timezone: 'UTC' });
    times.push((performance.now() - t0) * 1000);
  }
  return { name, median: median(times) };
});

const medians = perScreen.map((s) => s.median);
const slowest = [...perScreen].sort((a, b) => b.median - a.median).slice(0, 3);
console.log(`classify: ${snapshots.length} screens × ${ROUNDS} rounds`);
console.log(
  `median ${median(medians).toFixed(1)} µs per snapshot (p90 ${quantile(medians, 0.9).toFixed(1)} µs, max ${Math.max(...medians).toFixed(1)} µs)`,
);
console.log(`slowest: ${slowest.map((s) => `${s.name} ${s.median.toFixed(1)} µs`).join(', ')}`);

function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
