import { existsSync } from 'node:fs';
import { parseDuration, formatDuration } from '../duration.js';
import { NightshiftError } from '../errors.js';
import { lockStateDir } from '../night/lock.js';
import { readNightPlan, runNight, type NightResult } from '../night/night.js';
import { planNight, type NightPlan } from '../night/night-plan.js';
import { nightEnd } from '../night/scheduler.js';
import { coordinationEnds } from './queue-ends.js';
import type { Config } from '../../config/schema.js';
import { compileAndDeliver, describeDelivery, lastDelivery } from './report-pipeline.js';
import { nightProgress } from './night-progress.js';
import { withProgress } from './progress.js';
import type { EscalationKind, NewJournalEvent } from '../journal/events.js';
import { urgentMailer } from './urgent.js';
import { urgentWebhooks } from './urgent-webhooks.js';
import { requireConfig } from './preflight/index.js';
import { prepareRuntime, type Runtime } from './runtime.js';
import { openRunnerEndpoint, type RunnerEndpoint } from './http-endpoint.js';
import { defineCommand, type CommandIO } from './types.js';

export default defineCommand({
  name: 'night',
  summary: 'run one night now in the foreground, then compile and deliver its report',
  usage: `Usage: nightshift night --now [--for DURATION] [--dry-run]

Runs one night right away: brings up the agents' panes, watches them until the night ends
(--for, or the config's night.duration / night.end), then compiles and delivers the report.
Run again inside the same night's window, it resumes that night (same run directory).
On a terminal a status line shows the agents by state, rescues and time left; piped, each
event is a plain line. Ctrl-C ends the night early, writes the report and exits 130.
The delivery's outcome is printed last (a failed one stays in the outbox for \`nightshift run\`).

  --now            start now (required: scheduled nights are the daemon's job, see \`nightshift run\`)
  --for DURATION   how long the night lasts, e.g. 30s, 45m, 7h
  --dry-run        observe only: starts no agent and sends no key; adopts panes already running,
                   and the report (marked DRY RUN) lists every action a real night would take`,
  options: { now: { type: 'boolean' }, for: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  async run(args, io) {
    if (!args.values.now)
      throw new NightshiftError(
        'USAGE',
        'nightshift night needs --now (the daemon, `nightshift run`, runs scheduled nights)',
      );
    const duration = typeof args.values.for === 'string' ? parseDuration(args.values.for) : undefined;
    if (args.values.for !== undefined && duration === undefined)
      throw new NightshiftError(
        'USAGE',
        `--for ${String(args.values.for)}: not a duration (write it like 30s, 45m or 7h)`,
      );
    const checked = await requireConfig(args, io);
    let loaded = checked.loaded;
    if (args.values['dry-run'])
      loaded = {
        ...loaded,
        config: { ...loaded.config, actuator: { ...loaded.config.actuator, dryRun: true } },
      };
    let runtime = await prepareRuntime(loaded, args, io, { plugins: checked.plugins });
    const lock = lockStateDir(loaded.config.stateDir);
    let http: RunnerEndpoint | undefined;
    try {
      http = await openRunnerEndpoint(runtime, io);
      runtime = http?.attach(runtime) ?? runtime;
      const plan = planOrResume(loaded.config, new Date(), duration);
      const progress = nightProgress(
        io,
        loaded.config.agents.map((a) => a.name),
        plan.end,
      );
      let result: Awaited<ReturnType<typeof runWithSignals>>;
      try {
        result = await runWithSignals(runtime, plan, undefined, progress.onEvent);
      } finally {
        progress.stop();
      }
      await finish(runtime, result, io);
      if (result.signal) return result.signal === 'SIGINT' ? 130 : 143;
      if (result.endReason === 'error') {
        io.stderr.write(
          `nightshift: the night stopped early on an error: ${result.failure ?? 'unknown'}\n  the report says so; nightshift.log in ${result.plan.runDir} has the details. Fix the cause and run the night again.\n`,
        );
        return 1;
      }
      return 0;
    } finally {
      await http?.close();
      await runtime.tmux.close();
      lock.release();
    }
  },
});

/** Runs a night until its end, or until SIGINT/SIGTERM end it early (`signal` says which). */
export async function runWithSignals(
  runtime: Runtime,
  plan: NightPlan,
  extra?: AbortSignal,
  onEvent?: (event: NewJournalEvent) => void,
): Promise<NightResult & { signal?: NodeJS.Signals }> {
  const controller = new AbortController();
  let signal: NodeJS.Signals | undefined;
  const onInt = () => ((signal = 'SIGINT'), controller.abort());
  const onTerm = () => ((signal = 'SIGTERM'), controller.abort());
  const stop = () => controller.abort();
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  extra?.addEventListener('abort', stop, { once: true });
  try {
    const mail = urgentMailer(runtime.loaded.config, () => plan.runDir, runtime.log);
    const hooks = urgentWebhooks(
      runtime.loaded.config,
      () => ({ id: plan.id, runDir: plan.runDir }),
      runtime.log,
      runtime.loaded.secrets,
    );
    const onUrgent = (agent: string, kind: EscalationKind, reason: string) => {
      mail(agent, kind, reason);
      void hooks?.(agent, kind, reason);
    };
    const result = await runNight({
      ...runtime,
      plan,
      signal: controller.signal,
      onUrgent,
      queueEnds: coordinationEnds(runtime.loaded.config),
      ...(onEvent ? { onEvent } : {}),
    });
    return signal ? { ...result, signal } : result;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

/** Today's night plan, or the plan of a night still in progress in the state dir (a restarted runner resumes it). */
export function planOrResume(config: Config, now: Date, duration: number | undefined): NightPlan {
  const fresh = planNight(
    config.stateDir,
    config.timezone,
    now,
    duration !== undefined ? new Date(now.getTime() + duration) : nightEnd(config, now),
  );
  for (let n = 1; ; n++) {
    const id = n === 1 ? fresh.id : `${fresh.id}.${n}`;
    const runDir = n === 1 ? fresh.runDir : `${fresh.runDir}.${n}`;
    if (!existsSync(runDir)) return { ...fresh, id, runDir };
    const saved = readNightPlan(runDir);
    if (saved && new Date(saved.end) > now)
      return { id, runDir, start: new Date(saved.start), end: new Date(saved.end) };
  }
}

/** Compiles and delivers the report, then prints where it is, a short summary, the delivery outcome and any agents left running. Returns whether delivery succeeded. */
export async function finish(runtime: Runtime, result: NightResult, io: CommandIO): Promise<boolean> {
  const startedAt = Date.now();
  const report = await withProgress(io, `compiling and sending the report of ${result.plan.id}`, () =>
    compileAndDeliver({ ...runtime, runDir: result.plan.runDir, deliver: true }),
  );
  const delivery = lastDelivery(result.plan.runDir, startedAt);
  const length = formatDuration(result.plan.end.getTime() - result.plan.start.getTime());
  io.stdout.write(`${report.subject}\n`);
  io.stdout.write(
    `night ${result.plan.id} (${length}${result.resumed ? ', resumed' : ''}) ended: ${result.endReason}\n`,
  );
  io.stdout.write(`report: ${report.files.markdown}\n`);
  io.stdout.write(`${describeDelivery(delivery)}\n`);
  if (result.leftRunning) io.stdout.write(`note: ${result.leftRunning}\n`);
  return delivery?.ok === true;
}
