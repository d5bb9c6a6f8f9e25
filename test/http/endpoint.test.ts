// The status endpoint against the real runner: `nightshift night --now` with real tmux and fixture agents, read over
// HTTP while the night runs. The metrics parse with a real Prometheus parser and move as the night does; the status
// API is `nightshift status --json` plus more; the token is required; planted secrets never leave; a parked prompt can
// be answered from the page's path; the page, in headless Chromium, shows every agent and follows a state change.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { nightshift, repoRoot } from '../helpers/cli.js';
import { makeFleet, simAgent } from '../helpers/fleet.js';
import { waitFor } from '../helpers/wait.js';

const TASK = 'Work through TASKS.md and append a status entry to COORDINATION.md after each task';
const TOKEN = 'tok-' + 'a1b2c3d4e5f6a7b8c9d0e1f2';
/** planted: a token-shaped string on a screen, and a config secret (a `${VAR}` value) on a screen */
const GITHUB_TOKEN = 'ghp_' + 'Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVb';
const PLANTED = 'hunter2-planted-Secret-value';
const INTERVAL_MS = 2000;
const CHROMIUM = '/usr/bin/chromium';

type Family = ReturnType<typeof parsePrometheus>[number];

/** The sum of a family's samples whose labels include `labels`. */
function total(families: readonly Family[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  if (!family) return 0;
  return family.metrics
    .filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
    .reduce((sum, m) => sum + Number(m.value ?? m.count ?? m.buckets?.['+Inf'] ?? 0), 0);
}

describe('the status endpoint in a real night (real tmux, fixture agents)', () => {
  const fleet = makeFleet(
    [
      simAgent('builder', 'worker', { task: TASK }),
      simAgent('risky', 'risky', { task: TASK }),
      simAgent('migrator', 'crasher', { task: TASK }),
      {
        name: 'leaker',
        command: `node ${join(repoRoot, 'test', 'fixtures', 'programs', 'prints-secrets.mjs')} ${GITHUB_TOKEN}`,
        profile: 'generic',
        env: { PLANTED: '${NS_TEST_PLANTED}' },
        size: { cols: 100, rows: 30 },
      },
    ],
    {
      watch: { interval: `${INTERVAL_MS}ms` },
      http: { listen: '127.0.0.1:0', token: '${NS_TEST_HTTP_TOKEN}', answer: true },
      plugins: [
        'exited',
        'prompt',
        'kickoff',
        'auto-confirm',
        'dangerous',
        { name: 'restart', options: { delay: '1s', max: 2 } },
        'escalate',
        'markdown-report',
      ],
    },
  );
  const env = { NS_TEST_HTTP_TOKEN: TOKEN, NS_TEST_PLANTED: PLANTED };
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    await fleet.cleanup();
  });

  it('serves metrics, status, the page and answers while the night runs, and leaks no secret', async () => {
    const night = nightshift(['night', '--now', '--for', '5m', '--config', fleet.configFile], {
      cwd: fleet.dir,
      env,
    });
    const bodies: string[] = [];
    const infoFile = join(fleet.dir, 'state', 'http.json');
    const url: string = await waitFor(
      () => (existsSync(infoFile) ? (JSON.parse(readFileSync(infoFile, 'utf8')) as { url: string }).url : ''),
      'the endpoint to listen',
      30_000,
    );
    const auth = { authorization: `Bearer ${TOKEN}` };
    const get = async (path: string, headers: Record<string, string> = auth) => {
      const response = await fetch(`${url}${path}`, { headers });
      const body = await response.text();
      bodies.push(body);
      return { status: response.status, body, type: response.headers.get('content-type') };
    };
    const metrics = async () => parsePrometheus((await get('/metrics')).body);

    // without the token: 401 everywhere, whatever the route
    for (const path of ['/metrics', '/api/status', '/', '/api/events', '/reports/2026-12-07'])
      expect((await get(path, {})).status, path).toBe(401);
    expect((await get('/api/status', { authorization: 'Bearer wrong-token-123456' })).status).toBe(401);

    const first = await metrics();
    expect(first.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'nightshift_agents',
        'nightshift_decisions_total',
        'nightshift_rescues_total',
        'nightshift_parked_prompts',
        'nightshift_restarts_total',
        'nightshift_limit_waits_total',
        'nightshift_tick_duration_seconds',
        'nightshift_dialog_answer_latency_seconds',
        'nightshift_guard_verdict_seconds',
        'nightshift_outbox_depth',
        'process_cpu_seconds_total',
      ]),
    );
    const before = {
      allowed: total(first, 'nightshift_decisions_total', { verdict: 'allow' }),
      refused:
        total(first, 'nightshift_decisions_total', { verdict: 'block' }) +
        total(first, 'nightshift_decisions_total', { verdict: 'hold' }),
      restarts: total(first, 'nightshift_restarts_total', { agent: 'migrator' }),
    };

    let last: unknown;
    // a dialog answered (builder's npm test), a dangerous command refused (risky's rm -rf ~), a crash restarted
    let moved: Family[];
    try {
      moved = await waitFor(
        async () => {
          const m = await metrics();
          const now = {
            allowed: total(m, 'nightshift_decisions_total', { verdict: 'allow' }),
            refused:
              total(m, 'nightshift_decisions_total', { verdict: 'block' }) +
              total(m, 'nightshift_decisions_total', { verdict: 'hold' }),
            restarts: total(m, 'nightshift_restarts_total', { agent: 'migrator' }),
          };
          last = now;
          return now.allowed > before.allowed &&
            now.refused > before.refused &&
            now.restarts > before.restarts
            ? m
            : undefined;
        },
        'the counters to move',
        40_000,
        500,
      );
    } catch (e) {
      throw new Error(`${String(e)}; counters: ${JSON.stringify(last)}`);
    }
    void last;
    expect(total(moved, 'nightshift_rescues_total', { kind: 'answer', outcome: 'sent' })).toBeGreaterThan(0);
    expect(total(moved, 'nightshift_tick_duration_seconds')).toBeGreaterThan(0);
    expect(total(moved, 'nightshift_guard_verdict_seconds')).toBeGreaterThan(0);
    expect(total(moved, 'nightshift_dialog_answer_latency_seconds')).toBeGreaterThan(0);

    // risky is parked on its refused command: the status lists it with its choices; so does `status --json`
    const status = async () => JSON.parse((await get('/api/status')).body) as StatusBody;
    const parked = await waitFor(
      async () => (await status()).agents.find((a) => a.agent === 'risky' && a.parked),
      'risky parked',
    );
    expect(parked).toMatchObject({
      state: 'confirm',
      parked: { choices: [{ number: 1, label: 'approve' }] },
    });
    expect(total(await metrics(), 'nightshift_parked_prompts')).toBeGreaterThanOrEqual(1);

    let lastDifference: unknown[] = [];
    const compared = await waitFor(
      async () => {
        const apiBefore = await status();
        const cli = await nightshift(['status', '--json', '--config', fleet.configFile], {
          cwd: fleet.dir,
          env,
        });
        const apiAfter = await status();
        const rows = cli.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        // agents whose state did not change meanwhile must match field for field
        const steady = rows.filter((row) => {
          const a = statusFields(apiBefore.agents.find((x) => x.agent === row.agent));
          const b = statusFields(apiAfter.agents.find((x) => x.agent === row.agent));
          return JSON.stringify(a) === JSON.stringify(b);
        });
        expect(rows.map((r) => r.agent)).toEqual(apiAfter.agents.map((a) => a.agent));
        // a state can also change and change back between the two reads (builder: input, busy, input), so a round
        // with a difference is tried again; the rounds must come to one where every steady agent agrees
        const differing = steady.filter(
          (row) =>
            JSON.stringify(statusFields(apiAfter.agents.find((x) => x.agent === row.agent))) !==
            JSON.stringify(statusFields(row)),
        );
        lastDifference = differing.map((row) => ({
          cli: statusFields(row),
          api: statusFields(apiAfter.agents.find((x) => x.agent === row.agent)),
        }));
        return differing.length === 0 &&
          steady.some((r) => r.agent === 'risky') &&
          steady.some((r) => r.agent === 'leaker')
          ? steady
          : undefined;
      },
      'a steady comparison of /api/status and status --json',
      20_000,
      500,
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}; last difference: ${JSON.stringify(lastDifference)}`);
    });
    expect(compared.length).toBeGreaterThanOrEqual(2);
    const s = await status();
    expect(s.night).toMatchObject({ id: expect.any(String) });
    expect(s.schedule).toMatchObject({ timezone: 'UTC', nightStart: expect.any(String) });

    // the page in headless Chromium: every agent shown, a state change followed without a reload
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    let loads = 0;
    page.on('load', () => loads++);
    const link = await nightshift(['http', 'link', '--config', fleet.configFile], { cwd: fleet.dir, env });
    expect(link.exitCode, link.all).toBe(0);
    const once = link.stdout.trim();
    expect(once).toMatch(/\/login\?code=[0-9a-f]{64}$/);
    await page.goto(once);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.waitForSelector('article[data-agent="leaker"]');
    const cards = await page.locator('article').all();
    expect(await Promise.all(cards.map((c) => c.getAttribute('data-agent')))).toEqual([
      'builder',
      'risky',
      'migrator',
      'leaker',
    ]);
    // the link works once
    expect((await get(new URL(once).pathname + new URL(once).search, {})).status).toBe(401);
    const html = await page.content();
    bodies.push(html);
    if (process.env.NIGHTSHIFT_UPDATE_SCREENSHOT) {
      const images = join(repoRoot, 'docs', 'images');
      mkdirSync(images, { recursive: true });
      await page.screenshot({ path: join(images, 'status-page-phone.png'), fullPage: true });
    }

    // answers: refused without the page's CSRF token or from another origin
    const csrf = (await page.getAttribute('meta[name="nightshift-csrf"]', 'content')) ?? '';
    expect(csrf).toMatch(/^[0-9a-f]{48}$/);
    const post = (headers: Record<string, string>, body: object = { agent: 'risky', decline: true }) =>
      fetch(`${url}/api/answer`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-nightshift-csrf': 'not-the-token', origin: url })).status).toBe(403);
    expect((await post({ 'x-nightshift-csrf': csrf, origin: 'http://evil.example' })).status).toBe(403);
    // a request too large is refused before it is read
    expect(
      (await post({ 'x-nightshift-csrf': csrf }, { agent: 'risky', text: 'x'.repeat(20_000) })).status,
    ).toBe(413);
    expect((await status()).agents.find((a) => a.agent === 'risky')?.state).toBe('confirm');

    // declined from the page (its button, confirmed): the same path as `nightshift answer`; the page then follows
    // risky's state change without a reload, within one watch interval of the API showing it
    const alerts: string[] = [];
    page.on('dialog', (d) => {
      alerts.push(d.message());
      void d.accept();
    });
    await page.locator('article[data-agent="risky"] .parked button', { hasText: 'decline' }).click();
    await waitFor(() => alerts.some((m) => m === 'answered'), 'the page to say it answered', 30_000);
    const changed = await waitFor(
      async () => (await status()).agents.find((a) => a.agent === 'risky' && a.state !== 'confirm'),
      'risky to leave its dialog',
      20_000,
      100,
    );
    await page.waitForSelector(`article[data-agent="risky"][data-state="${changed.state}"]`, {
      timeout: INTERVAL_MS,
    });
    expect(await page.getAttribute('article[data-agent="risky"]', 'data-state')).toBe(changed.state);
    expect(loads).toBe(1);
    // the live stream carries the status
    const events = await fetch(`${url}/api/events`, { headers: auth });
    const reader = events.body!.getReader();
    const chunk = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    bodies.push(chunk);
    expect(chunk).toContain('event: status');

    // Ctrl-C ends the night early (exit 130), with its journal closed and its report written
    night.kill('SIGINT');
    const result = await night;
    expect(result.exitCode, result.all).toBe(130);
    const journal = fleet.events(fleet.runDir());
    expect(journal).toContainEqual(
      expect.objectContaining({ type: 'action', agent: 'risky', plugin: 'person:http', action: 'decline' }),
    );
    // planted secrets: on the leaker's screen, never in any response
    const screen = readFileSync(join(fleet.runDir(), 'logs', 'leaker.log'), 'utf8');
    expect(screen).toContain(GITHUB_TOKEN);
    expect(screen).toContain(PLANTED);
    const leaker = s.agents.find((a) => a.agent === 'leaker');
    expect(leaker?.screen).toContain('[REDACTED');
    for (const body of bodies) {
      expect(body).not.toContain(GITHUB_TOKEN);
      expect(body).not.toContain(PLANTED);
      expect(body).not.toContain(TOKEN);
    }
  }, 180_000);
});

interface StatusBody {
  night: { id: string } | null;
  schedule: Record<string, unknown>;
  agents: { agent: string; state: string; parked: unknown; screen: string | null; [k: string]: unknown }[];
}

/** The fields of a `status --json` row. */
function statusFields(a: Record<string, unknown> | undefined) {
  if (!a) return undefined;
  const { agent, pane, state, rule, resetAt, parked } = a;
  return { agent, pane, state, rule, resetAt, parked };
}
