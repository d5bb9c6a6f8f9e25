// The emailed report reads on a phone: rendered by headless Chromium in a 360 px and a 400 px wide frame,
// nothing is wider than the screen (no sideways scrolling). Needs Debian's chromium package (.ci/run installs it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORTERS } from '../../plugins/reporters/index.js';
import { buildNightRecord, compileReport } from '../../reports/index.js';
import { generateNight } from '../fixtures/reports/night-generator.js';
import { collectSections } from './helpers/report-context.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-phone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Lays `html` out in an iframe `width` px wide (Chromium's own windows are at least 500 px wide) and returns
 * the document's scrollWidth and the widest element sticking out, as measured by the browser.
 */
function measure(html: string, width: number): { scrollWidth: number; widest: string } {
  const page = join(dir, `frame-${width}.html`);
  const probe = `(() => {
    const f = document.querySelector('iframe');
    const d = f.contentDocument;
    const w = f.contentWindow;
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== d.body; p = p.parentElement)
        if (['auto', 'scroll', 'hidden'].includes(w.getComputedStyle(p).overflowX)) return true;
      return false;
    };
    const out = [...d.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > ${width} + 0.5 && !clipped(el));
    const leaves = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
    const widest = leaves.slice(0, 3).map((el) => el.tagName + ' ' + (el.textContent || '').trim().slice(0, 50)).join(' | ');
    document.body.setAttribute('data-result', JSON.stringify({ scrollWidth: d.documentElement.scrollWidth, widest }));
  })()`;
  writeFileSync(
    page,
    `<!doctype html><html><body style="margin:0"><iframe style="border:0;width:${width}px;height:900px" srcdoc="${html
      .replace(/&/g, '&amp;')
      .replace(/"/g, '&quot;')}" onload="${probe.replace(/"/g, '&quot;')}"></iframe></body></html>`,
  );
  const profile = mkdtempSync(join(tmpdir(), 'ns-chromium-'));
  try {
    const dom = execFileSync(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        '--virtual-time-budget=5000',
        '--dump-dom',
        `file://${page}`,
      ],
      { encoding: 'utf8', timeout: 90_000, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const attr = dom.match(/data-result="([^"]*)"/)?.[1];
    if (!attr) throw new Error(`chromium did not lay the report out:\n${dom.slice(0, 500)}`);
    return JSON.parse(attr.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as {
      scrollWidth: number;
      widest: string;
    };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

describe('the report at phone width (headless Chromium)', async () => {
  const g = generateNight({ dir, agents: 4, hours: 7, git: true, seed: 5, logBytesPerHour: 20_000 });
  const night = buildNightRecord(g.runDir, g.config);
  const sections = await collectSections(REPORTERS, g.config, night);
  const report = await compileReport(night, sections, {
    config: g.config,
    now: () => new Date('2026-04-11T04:30:00Z'),
  });

  it('the harness notices a page that is too wide', () => {
    const wide = measure('<html><body><div style="width:700px">wide</div></body></html>', 360);
    expect(wide.scrollWidth).toBeGreaterThan(360);
  }, 120_000);

  it.each([360, 400])(
    'fits %i px without sideways scrolling',
    (width) => {
      const { scrollWidth, widest } = measure(report.html, width);
      expect(widest, `sticks out: ${widest}`).toBe('');
      expect(scrollWidth).toBeLessThanOrEqual(width);
    },
    120_000,
  );
});
