// Report compile time for 16 agents × 8 hours: generates a night (pane logs, journal, coordination
// file, status log, git commits), then times the reporter plugins and compileReport.
// Run: npx tsx bench/report.ts [agents] [hours] [logKiBPerHour]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildNightRecord, compileReport } from '../reports/index.js';
import { REPORTERS } from '../plugins/reporters/index.js';
import { generateNight } from '../test/fixtures/reports/night-generator.js';
import { collectSections } from '../test/reports/helpers/report-context.js';

const agents = Number(process.argv[2] ?? 16);
const hours = Number(process.argv[3] ?? 8);
const perHour = Number(process.argv[4] ?? 250) * 1024;
const dir = mkdtempSync(join(tmpdir(), 'ns-bench-report-'));
try {
  let t = performance.now();
  const g = generateNight({ dir, agents, hours, logBytesPerHour: perHour, git: true, seed: 11 });
  const generated = performance.now() - t;
  const logBytes = g.agents.reduce((sum, a) => sum + statSync(join(g.runDir, 'logs', `${a}.log`)).size, 0);
  const events = statSync(join(g.runDir, 'events.jsonl')).size;

  t = performance.now();
  const night = buildNightRecord(g.runDir, g.config);
  const read = performance.now() - t;
  t = performance.now();
  const sections = await collectSections(REPORTERS, g.config, night);
  const sectioned = performance.now() - t;
  t = performance.now();
  const report = await compileReport(night, sections, { config: g.config });
  const compiled = performance.now() - t;

  const mb = (n: number) => (n / 1e6).toFixed(1);
  console.log(
    `night: ${agents} agents × ${hours} h, ${night.events.length} journal events (${mb(events)} MB), pane logs ${mb(logBytes)} MB (generated in ${(generated / 1000).toFixed(1)} s)`,
  );
  console.log(`read journal + plan:        ${read.toFixed(0)} ms`);
  console.log(
    `reporter sections:          ${sectioned.toFixed(0)} ms (${sections.length} sections; transcripts replayed at ${(logBytes / 1e6 / (sectioned / 1000)).toFixed(1)} MB/s overall)`,
  );
  console.log(
    `compileReport:              ${compiled.toFixed(0)} ms (markdown ${mb(report.markdown.length)} MB, HTML ${(Buffer.byteLength(report.html) / 1000).toFixed(1)} KB, cut: ${report.truncated.length} sections)`,
  );
  console.log(`total:                      ${((read + sectioned + compiled) / 1000).toFixed(2)} s`);
  console.log(`peak RSS:                   ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
