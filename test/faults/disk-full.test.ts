// Disk full mid-night, for real: the state dir lives on a 4 MB tmpfs this test mounts, and the test fills it while a
// fleet is asking for permissions. Nothing reaches a pane that is not journaled first, the runner does not crash, and
// once space is freed the journal catches up, answers resume and the report shows the gap.
import { execa } from 'execa';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../core/journal/events.js';
import { waitForWriters } from '../../core/logs/pane-writer.js';
import { nightshift } from '../helpers/cli.js';
import { makeFleet } from '../helpers/fleet.js';
import { eventsOf, fixtureAgent, recorded, type Recorded } from '../rescues-live/helpers.js';

const AGENT = 'asker';

/** Writes zeros into `file` until the filesystem refuses (ENOSPC); returns the bytes written. */
function fill(file: string): number {
  const fd = openSync(file, 'w');
  let total = 0;
  try {
    for (const size of [65_536, 4096, 1]) {
      const block = Buffer.alloc(size);
      try {
        for (;;) total += writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return total;
}

describe('disk full mid-night (a real 4 MB tmpfs)', () => {
  const fleet = makeFleet([fixtureAgent(AGENT, 'ask-loop', '--gap 800')], {
    watch: { interval: '500ms' },
    actuator: { cooldown: '300ms', enterDelay: '100ms', perAgentPerHour: 1000, fleetPerMinute: 100 },
    plugins: ['prompt', 'auto-confirm', 'markdown-report'],
  });
  const state = join(fleet.dir, 'state');
  const filler = join(state, 'filler.bin');
  let mounted = false;
  let events: JournalEvent[] = [];
  let answered: Recorded[] = [];
  let result: Awaited<ReturnType<typeof nightshift>>;
  let fullAt = 0;
  let freedAt = 0;
  let filled = 0;

  beforeAll(async () => {
    mkdirSync(state, { recursive: true });
    await execa('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', state]);
    mounted = true;
    const night = nightshift(['night', '--now', '--for', '50s', '--config', fleet.configFile], {
      cwd: fleet.dir,
    });
    const runDir = fleet.runDir();
    // let the fleet answer a few dialogs first
    for (let i = 0; i < 600 && eventsOf(fleet.events(runDir), 'intent').length < 2; i++) await sleep(100);
    filled = fill(filler);
    fullAt = Date.now();
    await sleep(12_000);
    rmSync(filler);
    freedAt = Date.now();
    result = await night;
    events = fleet.events(runDir);
    answered = recorded(fleet, AGENT);
  }, 150_000);

  afterAll(async () => {
    await fleet.tmux('kill-server');
    const nights = join(state, 'nights');
    for (const run of mounted ? safeList(nights) : [])
      await waitForWriters(join(nights, run, 'logs'), 10_000);
    try {
      if (mounted) await execa('umount', [state]);
    } catch {
      await execa('umount', ['-l', state], { reject: false });
    } finally {
      await fleet.cleanup();
    }
  }, 60_000);

  it('fills the disk for real, and the runner carries on through it', () => {
    expect(filled).toBeGreaterThan(1024 * 1024);
    expect(result.exitCode, result.all).toBe(0);
    expect(events[0]?.type).toBe('night-start');
    expect(events.at(-1)?.type).toBe('night-end');
  });

  it('journals the outage when space is back, and journaling resumes', () => {
    const full = eventsOf(events, 'disk-full');
    const recovered = eventsOf(events, 'disk-recovered');
    expect(full).toHaveLength(1);
    expect(recovered).toHaveLength(1);
    const fullT = Date.parse(full[0]!.t);
    expect(fullT).toBeGreaterThanOrEqual(fullAt - 1000);
    expect(fullT).toBeLessThan(freedAt);
    expect(Date.parse(recovered[0]!.t)).toBeGreaterThanOrEqual(freedAt - 1000);
    const after = events.filter((e) => Date.parse(e.t) > Date.parse(recovered[0]!.t));
    expect(eventsOf(after, 'intent').length, 'answers after the disk was freed').toBeGreaterThan(0);
  });

  it('sends no keystroke it could not journal first: every key the agent got has its intent in the journal', () => {
    const intents = eventsOf(events, 'intent', AGENT);
    expect(answered.length).toBeGreaterThan(2);
    expect(answered.length).toBe(intents.length);
    const refused = eventsOf(events, 'refusal', AGENT).filter((r) => r.why === 'journal');
    expect(refused.length, 'answers refused while the journal could not be written').toBeGreaterThan(0);
    const full = Date.parse(eventsOf(events, 'disk-full')[0]!.t);
    const during = answered.filter((r) => (r as { answered?: number }).answered! > full + 2000);
    expect(during.filter((r) => (r as { answered?: number }).answered! < freedAt)).toEqual([]);
  });

  it('the report shows the gap', () => {
    const report = fleet.read(join(fleet.runDir(), 'report.md'));
    expect(report).toMatch(/the disk was full from \S+ to \S+/);
  });
});

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
