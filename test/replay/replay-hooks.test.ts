import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/load.js';
import { BUILTINS, DEFAULT_PLUGINS } from '../../core/commands/builtins.js';
import { recordRedactor } from '../../core/commands/record-redactor.js';
import { guardFor } from '../../core/commands/runtime.js';
import { ScreenRecorder, SCREENS_FILE } from '../../core/journal/screen-record.js';
import { loadPlugins } from '../../core/plugin/loader.js';
import { compareNight, type ReplayParts } from '../../core/replay/compare-night.js';
import { readRecordIndex, replayNight } from '../../core/replay/replay-night.js';
import { classify } from '../../core/screen/index.js';
import type { RawCapture } from '../../core/tmux/types.js';

// Hook requests are replayed through the hook route like screens through the watch: a recorded `npm publish` asked
// on the hook channel gets no decision from the default guard (a hold is left to the agent's dialog), and is answered
// once the config allows core.egress.publish; the allowed `npm test` is the same decision both times.
const dir = mkdtempSync(join(tmpdir(), 'ns-replay-hooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const runDir = join(dir, 'state', 'nights', '2026-12-01');
const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 23, 0, s));
const screen: RawCapture = {
  paneId: '%1',
  lines: ['⏺ Working on the release.', '', '✻ Working… (3s · esc to interrupt)', ''],
  cursorX: 0,
  cursorY: 3,
  cursorVisible: false,
  width: 80,
  height: 4,
  dead: false,
  deadStatus: undefined,
  inMode: false,
  alternateOn: false,
  currentCommand: 'claude',
  pid: 1,
  tty: '',
  piped: true,
};
const request = (command: string) => ({
  agent: 'hooked',
  channel: 'claude-settings',
  event: 'PermissionRequest',
  call: { kind: 'permission', tool: 'Bash', command },
});

async function partsFor(extra: Record<string, unknown>): Promise<ReplayParts> {
  const loaded = resolveConfig(
    {
      stateDir: join(dir, 'state'),
      agents: [{ name: 'hooked', command: 'claude', profile: 'claude-code', cwd: dir, task: 'Release' }],
      ...extra,
    },
    { cwd: dir, env: {} },
  );
  const { config } = loaded;
  const plugins = await loadPlugins({
    entries: config.plugins,
    builtins: BUILTINS,
    defaults: DEFAULT_PLUGINS,
    dir,
  });
  const guard = guardFor(loaded);
  return {
    config,
    plugins,
    guard,
    classify: (s, a, previous) =>
      classify(s, {
        profile: a.profile,
        profiles: config.profiles,
        timezone: config.timezone,
        now: s.at,
        previous,
      }),
  };
}

describe('replaying hook requests', () => {
  it('finds no difference with the night’s config, and exactly the hook decision with publish allowed', async () => {
    mkdirSync(runDir, { recursive: true });
    const recorder = new ScreenRecorder(join(runDir, SCREENS_FILE), {
      maxBytes: 1024 * 1024,
      redact: recordRedactor([]),
    });
    recorder.saw('hooked', screen, at(0));
    recorder.hook('hooked', request('npm test'), at(2));
    recorder.hook('hooked', request('npm publish'), at(4));
    recorder.saw(
      'hooked',
      { ...screen, lines: [...screen.lines.slice(0, 2), '✻ Working… (9s · esc to interrupt)', ''] },
      at(9),
    );
    recorder.flush(at(9));
    const night = await partsFor({});
    // the night's journal: what the default config decided on this record
    const first = await replayNight({
      ...night,
      record: await readRecordIndex(join(runDir, SCREENS_FILE)),
      night: { id: '2026-12-01', runDir },
    });
    writeFileSync(join(runDir, 'events.jsonl'), first.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    // npm test is allowed through the hook; npm publish is a hold, which the hook leaves to the screen path
    const hookEvents = first.events.filter((e) => 'channel' in e && e.channel === 'hook');
    expect(hookEvents.map((e) => `${e.type}: ${'reason' in e ? e.reason : ''}`)).toEqual([
      'action: allowed through the hook: npm test',
    ]);

    const same = await compareNight(runDir, night);
    expect(same.hookRequests).toBe(2);
    expect(same.decisions).toEqual({ night: 1, replay: 1 }); // npm test, allowed through the hook
    expect(same.differences).toEqual([]);

    const allowed = await compareNight(
      runDir,
      await partsFor({
        guard: { allow: [{ rule: 'core.egress.publish', reason: 'we publish from this box' }] },
      }),
    );
    expect(allowed.differences).toEqual([
      expect.objectContaining({
        agent: 'hooked',
        change: 'nothing → answered',
        command: 'npm publish',
        rule: 'core.egress.publish',
        excerpt: ['(hook) npm publish'],
      }),
    ]);
  });
});
