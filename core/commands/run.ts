import { unwatchFile, watchFile } from 'node:fs';
import { NightshiftError, formatProblems } from '../errors.js';
import { lockStateDir } from '../night/lock.js';
import { planNight } from '../night/night-plan.js';
import { Scheduler } from '../night/scheduler.js';
import { latestNightDir } from './nights.js';
import { compileAndDeliver } from './report-pipeline.js';
import { finish, runWithSignals } from './night.js';
import { requireConfig } from './preflight/index.js';
import { prepareRuntime, type Runtime } from './runtime.js';
import { openRunnerEndpoint } from './http-endpoint.js';
import { runRetention } from './prune.js';
import { defineCommand } from './types.js';

/** How often the daemon applies retention (the first housekeeping after start does it at once). */
const RETENTION_EVERY_MS = 3_600_000;
import { flushOutbox } from '../../reports/index.js';

export default defineCommand({
  name: 'run',
  summary: 'the daemon: schedules nights and reports from the config, runs until stopped',
  usage: `Usage: nightshift run

Runs until SIGINT/SIGTERM: starts each night at night.start (cron, in the config's time zone),
watches it until night.end / night.duration, compiles the report (at report.at, or right after
the night) and delivers it, retrying failed deliveries from the outbox. Started inside a night's
window (after a crash or reboot), it resumes that night. Edits to the config take effect at the
next night (a changed schedule, at the next start of the daemon); an invalid edit is logged with
every problem and the last good config stays in force.`,
  async run(args, io) {
    const { loaded, plugins } = await requireConfig(args, io);
    let runtime = await prepareRuntime(loaded, args, io, { plugins });
    const lock = lockStateDir(loaded.config.stateDir);
    // the status endpoint lives as long as the daemon (its address as first configured); each night reports to it
    const http = await openRunnerEndpoint(runtime, io).catch((error: unknown) => {
      lock.release();
      throw error;
    });
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const stopWatching = watchConfig(loaded.filepath, async () => {
      try {
        const next = await requireConfig(args, io);
        runtime = await prepareRuntime(next.loaded, args, io, { plugins: next.plugins });
        runtime.log.info(
          { config: next.loaded.filepath, hash: next.loaded.hash },
          'config reloaded: it applies from the next night',
        );
      } catch (error) {
        const problems = error instanceof NightshiftError ? `\n${formatProblems(error.problems)}` : '';
        runtime.log.error(
          { err: error },
          `config change ignored, the last good config stays in force: ${error instanceof Error ? error.message : String(error)}${problems}`,
        );
      }
    });
    let lastRetention = 0;
    const scheduler = new Scheduler({
      config: loaded.config,
      log: runtime.log,
      runNight: async (window) => {
        const current: Runtime = http?.attach(runtime) ?? runtime;
        const { config } = current.loaded;
        const result = await runWithSignals(
          current,
          planNight(config.stateDir, config.timezone, window.start, window.end),
          stop.signal,
        );
        if (!config.report.at) await finish(current, result, io);
      },
      runReport: async () => {
        const runDir = latestNightDir(runtime.loaded.config.stateDir);
        if (runDir) await compileAndDeliver({ ...runtime, runDir, deliver: true });
      },
      housekeeping: async () => {
        await flushOutbox(runtime.loaded.config, runtime.log);
        if (Date.now() - lastRetention >= RETENTION_EVERY_MS) {
          lastRetention = Date.now();
          await runRetention(runtime.loaded.config, runtime.log);
        }
      },
    });
    try {
      scheduler.start();
      io.stdout.write(
        `nightshift is running (next night: ${scheduler.nextRun()?.toISOString() ?? 'none'}); stop it with Ctrl-C\n`,
      );
      await new Promise<void>((resolve) =>
        stop.signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      await scheduler.stop();
      return 0;
    } finally {
      stopWatching();
      await http?.close();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await runtime.tmux.close();
      lock.release();
    }
  },
});

/** Calls `onChange` when the config file changes (polling: robust to editors that replace the file). */
function watchConfig(file: string | undefined, onChange: () => Promise<void>): () => void {
  if (!file) return () => undefined;
  const listener = (now: { mtimeMs: number }, before: { mtimeMs: number }) => {
    if (now.mtimeMs !== before.mtimeMs) void onChange();
  };
  watchFile(file, { interval: 2000 }, listener);
  return () => unwatchFile(file, listener);
}
