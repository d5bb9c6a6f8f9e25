import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { NightComparison } from '../../core/replay/compare-night.js';
import { loadCorpusCases, PaneTester } from '../../core/testing/index.js';
import prompt from '../../plugins/checks/prompt.js';
import autoConfirm from '../../plugins/rescues/auto-confirm.js';
import { nightshift } from '../helpers/cli.js';
import { makeFleet } from '../helpers/fleet.js';
import {
  PLANTED_KEY_BLOCK,
  PLANTED_KEY_NEEDLES,
  PLANTED_SECRETS,
} from '../fixtures/reports/planted-secrets.js';
import { BUILT_INS, eventsOf, fixtureAgent, runNight } from '../rescues-live/helpers.js';

// One night of real fixture programs in real tmux, recorded; then replayed. `tester` asks to run `npm test` (answered),
// `publisher` asks to run `npm publish` (the guard holds it: core.egress.publish), `printer` prints the report's
// planted secrets. Replayed with the same config nothing changes; with `core.egress.publish` allowed, exactly the
// publisher's held dialog would be answered.
describe('replay a recorded night of real programs', () => {
  const secrets = [...PLANTED_SECRETS.map((s) => s.text), ...PLANTED_KEY_BLOCK];
  const agents = [
    fixtureAgent('tester', 'asks-permission', "--command 'npm test' --count 2 --work 800"),
    fixtureAgent('publisher', 'asks-permission', "--command 'npm publish' --count 1"),
    {
      name: 'printer',
      command: 'cat secrets.txt; sleep 120',
      profile: 'generic',
      size: { cols: 200, rows: 60 },
    },
  ];
  const fleet = makeFleet(agents, { plugins: BUILT_INS });
  writeFileSync(join(fleet.dir, 'secrets.txt'), `${secrets.join('\n')}\n`);
  // the changed config lives outside the agents' working tree (a config inside it may not add guard exceptions)
  const elsewhere = mkdtempSync(join(tmpdir(), 'ns-replay-config-'));
  const changedConfig = join(elsewhere, 'nightshift.config.yaml');
  let night: Awaited<ReturnType<typeof runNight>>;

  beforeAll(async () => {
    night = await runNight(fleet, '12s');
    const base = readFileSync(fleet.configFile, 'utf8');
    writeFileSync(
      changedConfig,
      `${base}\n${stringify({ guard: { allow: [{ rule: 'core.egress.publish', reason: 'we publish from this box' }] } })}`
        .replace('stateDir: ./state', `stateDir: ${join(fleet.dir, 'state')}`)
        .replaceAll(`cwd: ${fleet.dir}`, `cwd: ${fleet.dir}`),
    );
  }, 180_000);
  afterAll(async () => {
    await fleet.cleanup();
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('the night answered npm test and held npm publish', () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    const answers = eventsOf(night.events, 'action', 'tester').filter((a) => a.action === 'answer');
    expect(answers.length).toBe(2);
    expect(eventsOf(night.events, 'action', 'publisher').filter((a) => a.action === 'answer')).toEqual([]);
    expect(eventsOf(night.events, 'escalation', 'publisher')).toEqual([
      expect.objectContaining({ kind: 'held-command', command: 'npm publish' }),
    ]);
  });

  it('records no planted secret, and does record the screens they were on', () => {
    const text = gunzipSync(readFileSync(join(night.runDir, 'screens.jsonl.gz'))).toString('utf8');
    expect(text).toContain('[REDACTED:');
    expect(text).toContain('npm publish');
    for (const s of PLANTED_SECRETS) expect(text, s.kind).not.toContain(s.needle);
    for (const needle of PLANTED_KEY_NEEDLES) expect(text).not.toContain(needle);
  });

  it('with the unchanged config, replay finds no difference and exits 0', async () => {
    const r = await nightshift(['replay', '--config', fleet.configFile, '--json'], { cwd: fleet.dir });
    expect(r.exitCode, r.all).toBe(0);
    const result = JSON.parse(r.stdout) as NightComparison;
    expect(result.differences).toEqual([]);
    expect([...result.agents].sort()).toEqual(['printer', 'publisher', 'tester']);
    expect(result.decisions.replay).toBe(result.decisions.night);
  });

  it('with npm publish allowed, replay reports exactly that decision changing, and exits 3', async () => {
    const r = await nightshift(['replay', '--config', changedConfig, '--json'], { cwd: elsewhere });
    expect(r.exitCode, r.all).toBe(3);
    const result = JSON.parse(r.stdout) as NightComparison;
    expect(result.differences).toEqual([
      expect.objectContaining({
        agent: 'publisher',
        change: 'held → answered',
        command: 'npm publish',
        rule: 'core.egress.publish',
      }),
    ]);
    expect(result.differences[0]!.excerpt.join('\n')).toContain('npm publish');
    const text = await nightshift(['replay', '--config', changedConfig], { cwd: elsewhere });
    expect(text.stdout).toMatch(/publisher \d\d:\d\d:\d\d {2}held → answered/);
    expect(text.stdout).toContain('1 would change');
  });

  it('exports the screens it decided on as corpus files that load as PaneTester cases and pass', async () => {
    const dir = join(elsewhere, 'corpus');
    const r = await nightshift(['replay', '--export', dir, '--config', fleet.configFile], { cwd: fleet.dir });
    expect(r.exitCode, r.all).toBe(0);
    const cases = loadCorpusCases(dir);
    const labels = cases.map(
      (c) => JSON.parse(readFileSync(join(dir, `${c.name}.json`), 'utf8')) as Record<string, unknown>,
    );
    const publish = labels.find((l) => l.agent === 'publisher' && l.class === 'confirm');
    expect(publish).toMatchObject({ command: 'npm publish', decided: ['held'], sent: [] });
    const test = labels.find((l) => l.agent === 'tester' && l.class === 'confirm');
    expect(test).toMatchObject({ command: 'npm test', decided: ['answered'], sent: ['Enter'] });
    expect(readFileSync(join(dir, 'tmux-state.tsv'), 'utf8').split('\n')[0]).toMatch(/^name\tcursor_x/);
    // what the night sent on each dialog is what auto-confirm sends on it in PaneTester
    const dialogs = cases.filter((c) => c.expect.sent !== undefined && c.name.startsWith('confirm__'));
    expect(dialogs.length).toBeGreaterThanOrEqual(2);
    for (const c of dialogs) {
      const result = await PaneTester.runCase(autoConfirm, c, [prompt]);
      expect(result.sent, c.name).toEqual(c.expect.sent);
    }
  });
});
