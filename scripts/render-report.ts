// Renders a sample morning report (a generated night: four agents, needs-you items, a crash loop,
// a usage limit, commits) to docs/report.png with headless Chromium, so people see what they will
// receive. Not part of `npm test`. Needs Debian's chromium package.
// Run: npx tsx scripts/render-report.ts [out.png] [width] [height]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildNightRecord, compileReport } from '../reports/index.js';
import { REPORTERS } from '../plugins/reporters/index.js';
import { generateNight } from '../test/fixtures/reports/night-generator.js';
import { collectSections } from '../test/reports/helpers/report-context.js';

const out = resolve(process.argv[2] ?? 'docs/report.png');
const width = Number(process.argv[3] ?? 760);
const height = Number(process.argv[4] ?? 2450);
const dir = mkdtempSync(join(tmpdir(), 'ns-render-'));
try {
  const g = generateNight({ dir, agents: 4, hours: 7, git: true, seed: 5, logBytesPerHour: 20_000 });
  const night = buildNightRecord(g.runDir, g.config);
  const sections = await collectSections(REPORTERS, g.config, night);
  const report = await compileReport(night, sections, {
    config: g.config,
    now: () => new Date('2026-04-11T04:30:00Z'),
  });
  const profile = mkdtempSync(join(tmpdir(), 'ns-chromium-'));
  try {
    execFileSync(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        `--window-size=${width},${height}`,
        `--screenshot=${join(dir, 'report.png')}`,
        `file://${report.files.html}`,
      ],
      { stdio: 'pipe', timeout: 60_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  copyFileSync(join(dir, 'report.png'), out);
  console.log(
    `${report.subject}\n${out} (${width}x${height}, HTML ${(Buffer.byteLength(report.html) / 1000).toFixed(1)} KB)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
