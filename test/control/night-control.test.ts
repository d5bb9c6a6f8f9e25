import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../config/schema.js';
import { askControl } from '../../core/control/client.js';
import { openNightControl } from '../../core/control/night-control.js';
import type { NightParts } from '../../core/control/night-routes.js';
import type { NewJournalEvent } from '../../core/journal/events.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The parts of a night a route sees; only what these routes read is real. */
function parts(stateDir: string, journal: NewJournalEvent[]): NightParts {
  return {
    config: { stateDir } as Config,
    night: { id: '2026-12-07', runDir: join(stateDir, 'nights', '2026-12-07') },
    agents: [],
    watch: {} as NightParts['watch'],
    guard: {} as NightParts['guard'],
    journal: (e) => void journal.push(e),
    log: pino({ level: 'silent' }),
    now: () => new Date(),
  };
}

describe('openNightControl', () => {
  it("answers every route of the night's makers, built from the night's parts", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'ns-night-control-'));
    dirs.push(stateDir);
    const server = await openNightControl(parts(stateDir, []), [
      (night) => ({ type: 'night', handle: () => night.night.id }),
    ]);
    try {
      expect(await askControl(server!.endpoint, 'night', null, { timeoutMs: 2000 })).toMatchObject({
        ok: true,
        result: '2026-12-07',
      });
    } finally {
      await server?.close();
    }
  });

  it('journals a warning and carries on when the endpoint cannot open', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'ns-night-control-'));
    dirs.push(stateDir);
    writeFileSync(join(stateDir, 'control.sock'), 'a file in the way');
    const journal: NewJournalEvent[] = [];
    expect(await openNightControl(parts(stateDir, journal), [])).toBeUndefined();
    expect(journal).toMatchObject([
      { type: 'warning', source: 'control', message: expect.stringContaining('screen path answers') },
    ]);
  });
});
