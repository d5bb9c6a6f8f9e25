// Records what a night saw for `nightshift replay`: every capture the watch makes (ticks and the actuator's own
// looks) and every hook request, into the night's screen record (core/journal/screen-record.ts).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Config } from '../../config/schema.js';
import type { NightRouteMaker } from '../control/night-parts.js';
import { NIGHT_ROUTES } from '../control/night-routes.js';
import { ScreenRecorder, SCREENS_FILE, type RecordRedactor } from '../journal/screen-record.js';
import type { Tmux } from '../tmux/types.js';

/** A night's recording: the tmux the watch looks through, the control routes, and the end. */
export interface NightRecording {
  readonly tmux: Tmux;
  readonly routes: readonly NightRouteMaker[];
  /** writes what is left; call once at the night's end */
  close(): void;
}

/**
 * Starts recording the night in `runDir` when `record.screens` is on and a redactor is given (nothing unredacted is
 * ever written: without one, nothing is recorded). Screen records of nights beyond `record.nights` are removed.
 */
export async function recordNight(o: {
  readonly config: Config;
  readonly runDir: string;
  readonly tmux: Tmux;
  readonly redact: RecordRedactor | undefined;
  readonly agentOf: (paneId: string) => string | undefined;
  readonly now: () => Date;
}): Promise<NightRecording> {
  if (!o.config.record.screens || !o.redact) return { tmux: o.tmux, routes: NIGHT_ROUTES, close: () => {} };
  pruneScreenRecords(o.runDir, o.config.record.nights);
  const recorder = await ScreenRecorder.open(join(o.runDir, SCREENS_FILE), {
    maxBytes: o.config.record.maxMB * 1024 * 1024,
    redact: o.redact,
  });
  const flush = () => {
    try {
      recorder.flush(o.now());
    } catch {
      // a full disk stops the record, never the night
    }
  };
  const capture: Tmux['capture'] = async (paneIds) => {
    const captures = await o.tmux.capture(paneIds);
    const at = o.now();
    for (const [paneId, raw] of captures) {
      const agent = o.agentOf(paneId);
      if (agent) recorder.saw(agent, raw, at);
    }
    flush();
    return captures;
  };
  const tmux = new Proxy(o.tmux, {
    get(target, key) {
      if (key === 'capture') return capture;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const routes = NIGHT_ROUTES.map<NightRouteMaker>((make) => (parts) => {
    const route = make(parts);
    if (route.type !== 'hook') return route;
    return {
      ...route,
      handle: (body, context) => {
        const agent = (body as { agent?: unknown }).agent;
        if (typeof agent === 'string') {
          recorder.hook(agent, body, o.now());
          flush();
        }
        return route.handle(body, context);
      },
    };
  });
  return { tmux, routes, close: flush };
}

/** Removes screen records so that `runDir`'s night and the newest `keep - 1` others keep theirs. */
export function pruneScreenRecords(runDir: string, keep: number): void {
  const nightsDir = dirname(runDir);
  if (!existsSync(nightsDir)) return;
  const others = readdirSync(nightsDir)
    .filter((n) => n !== basename(runDir) && existsSync(join(nightsDir, n, SCREENS_FILE)))
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
  for (const night of others.slice(Math.max(0, keep - 1)))
    rmSync(join(nightsDir, night, SCREENS_FILE), { force: true });
}
