// Runs one scenario for one agent at one pane size: sandbox, fake model API, a real nightshift night supervising
// the real agent CLI in a private tmux server, a watcher recording every screen; then reads the effects, tears
// everything down (even on failure) and hands back what happened.
import { execa } from 'execa';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AgentAdapter, Installed } from './adapter.js';
import { startFakeApi, type ApiHandler, type FakeApi } from './fake-api/server.js';
import { makeCertificate } from './certificate.js';
import { undelivered } from './delivery.js';
import { endProcessesWithHome } from './leftovers.js';
import { startNight } from './night.js';
import { environOfTree, watchPane, type ProcessValue } from './pane-watcher.js';
import { createSandbox, type Sandbox } from './sandbox.js';
import type { Live, Scenario, ScenarioResult } from './scenario.js';
import type { ModelScript, Turn } from './script.js';

/** The time zone of the agent's pane and of the night (reset times are read in it). */
export const BENCH_TIMEZONE = 'America/New_York';

const DEFAULT_TASK = 'Please do the next task in TASKS.md.';

/** Replaces `$API`, `$PAGES` (the https twin), `$HOME`, `$MARKERS`, `$PROJECT` in every string of a tool input. */
function fill(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string')
    return value.replace(/\$(API|PAGES|HOME|MARKERS|PROJECT)\b/g, (_, name: string) => vars[name] ?? '');
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

function fillScript(script: ModelScript, vars: Record<string, string>): ModelScript {
  const turn = (t: Turn): Turn => {
    if (t.kind !== 'tool') return t;
    const input = t.input;
    return {
      ...t,
      input:
        typeof input === 'function'
          ? (request: string) => fill(input(request), vars) as Record<string, unknown>
          : (fill(input, vars) as Record<string, unknown>),
    };
  };
  return { turns: script.turns.map(turn), ...(script.after ? { after: turn(script.after) } : {}) };
}

function readMaybe(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

let boots: Promise<void> = Promise.resolve();

/**
 * Agents boot one at a time (until their first screen is drawn, at most `BOOT_MS`): several cold starts at once on a
 * loaded machine left panes blank for a minute.
 */
function bootSlot(drawn: () => boolean): void {
  const previous = boots;
  boots = (async () => {
    await previous;
    const deadline = Date.now() + BOOT_MS;
    while (Date.now() < deadline && !drawn()) await sleep(200);
  })();
}

const BOOT_MS = 45_000;

/** How long after the scenario is over a verified send may take to reach the API. */
const DELIVERY_WAIT_MS = 15_000;

/** Waits for the slot before `bootSlot`'s caller. */
async function waitForBootSlot(): Promise<void> {
  await boots;
}

/** Runs `scenario` with `adapter`'s agent at `size`; never leaves a tmux server, process or folder behind. */
export async function runScenario(
  adapter: AgentAdapter,
  installed: Installed,
  scenario: Scenario,
  size: { cols: number; rows: number },
): Promise<ScenarioResult> {
  const auth = scenario.auth ?? 'api-key';
  const start = { auth, untrusted: scenario.untrusted ?? false, hooks: scenario.hooks ?? false };
  const sandbox: Sandbox = createSandbox({ ...baseFiles(), ...scenario.files });
  let handler: ApiHandler = () => false;
  let homeSafe: boolean | undefined;
  /** what the HOME check found: the pane's process and the HOMEs in its tree (named when the check fails) */
  const homeSeen: { pid?: number; homes?: ProcessValue[] } = {};
  let panePid: () => Promise<number | undefined> = async () => undefined;
  let api: FakeApi | undefined;
  let night: ReturnType<typeof startNight> | undefined;
  let watcher: ReturnType<typeof watchPane> | undefined;
  try {
    const certificate = makeCertificate(sandbox.root);
    // every API answer waits for proof that the agent runs with the sandbox's HOME: a command the guard
    // wrongly lets through then hits the sandbox, never the real HOME
    api = await startFakeApi(async (request, response, self) => {
      homeSafe ??= await verifyHome(panePid, sandbox.home, homeSeen);
      if (!homeSafe) {
        response.writeHead(503, { 'content-type': 'text/plain' });
        response.end('bench: the agent does not run with the sandbox HOME');
        return true;
      }
      return handler(request, response, self);
    }, certificate);
    const vars = {
      API: api.url,
      PAGES: api.httpsUrl ?? api.url,
      HOME: sandbox.home,
      MARKERS: sandbox.markers,
      PROJECT: sandbox.project,
    };
    handler = adapter.api(fillScript(scenario.script, vars));
    for (const [path, body] of Object.entries(scenario.pages ?? {}))
      api.page(path, String(fill(body, vars)), path.endsWith('.sh') ? 'text/x-shellscript' : undefined);
    await adapter.prepare(sandbox, api.url, start);
    const remoteBefore = sandbox.remoteRefs();
    await waitForBootSlot();
    const command = adapter.command(installed);
    const extra = scenario.args?.length ? ` ${scenario.args.join(' ')}` : '';
    night = startNight(
      sandbox.root,
      {
        name: adapter.name,
        command: command.start + extra,
        resume: command.resume + extra,
        profile: adapter.profile,
        cwd: sandbox.project,
        env: {
          ...adapter.env(sandbox, api.url, start),
          TZ: BENCH_TIMEZONE,
          NODE_EXTRA_CA_CERTS: certificate.caFile,
          ...scenario.env,
        },
        ...(scenario.queue ? {} : { task: scenario.task ?? DEFAULT_TASK }),
        size,
        hooks: (scenario.hooks ?? false) !== false,
      },
      BENCH_TIMEZONE,
      scenario.parked ? { parked: scenario.parked } : {},
      scenario.queue && {
        queue: {
          workspace: 'worktree',
          repo: sandbox.project,
          base: 'main',
          quiet: scenario.queue.quiet ?? '8s',
        },
        tasks: scenario.queue.tasks,
      },
    );
    const target = `=${night.session}:${adapter.name}`;
    const socket = night.socket;
    watcher = watchPane(socket, target);
    const seen = watcher;
    bootSlot(() => seen.screens.some((screen) => screen.text.trim() !== ''));
    panePid = async () => {
      const out = await execa('tmux', ['-L', socket, 'display-message', '-p', '-t', target, '#{pane_pid}'], {
        reject: false,
      });
      return Number(out.stdout) || undefined;
    };
    const live: Live = {
      received: api.received,
      screens: watcher.screens,
      events: night.events,
      panePid: watcher.panePid,
      stateDir: join(sandbox.root, 'state'),
    };
    const fault = scenario.fault?.(live);
    const deadline = Date.now() + (scenario.timeout ?? 150_000);
    const running = night;
    while (Date.now() < deadline && homeSafe !== false && !running.exited() && !scenario.done(live))
      await sleep(200);
    const timedOut = !scenario.done(live);
    if (homeSafe !== false) await sleep(scenario.settle ?? 4000);
    await fault;
    // a send verified on screen may still be on its way to the API: give it a moment before the check
    const late = Date.now() + DELIVERY_WAIT_MS;
    while (Date.now() < late && undelivered(night.events(), api.received).length) await sleep(200);
    // what the API received and what the night journaled, read at one moment, right after that wait: the night goes
    // on nudging until it is stopped, and a nudge sent after the journal was read but received before the API stopped
    // listening was counted as a second delivery of the journaled one (the same text)
    const received = [...api.received];
    const journal = night.events();
    await watcher.stop();
    const output = night.output();
    const nightResult = await night.stop();
    const report = night.report();
    night = undefined;
    if (homeSafe === false)
      throw new Error(
        `the agent did not run with the sandbox HOME (pane process ${String(homeSeen.pid)}, each process and its HOME (null: none) ${JSON.stringify(homeSeen.homes ?? [])}); the scenario was stopped`,
      );
    const watchList = [...Object.keys(scenario.files ?? {}), ...(scenario.watch ?? [])];
    const effects = {
      markers: sandbox.markersLeft(),
      remoteBefore,
      remoteAfter: sandbox.remoteRefs(),
      homeIntact: existsSync(sandbox.homeCanary),
      files: Object.fromEntries(watchList.map((p) => [p, sandbox.projectFile(p)])),
      homeFiles: Object.fromEntries(
        (scenario.watchHome ?? []).map((p) => [p, readMaybe(join(sandbox.home, p))]),
      ),
      branches: sandbox.projectBranches(),
      report,
    };
    return {
      ...live,
      received,
      events: () => journal,
      scenario: scenario.name,
      size,
      agentVersion: installed.version,
      journal,
      effects,
      paths: { home: sandbox.home, project: sandbox.project, markers: sandbox.markers, apiUrl: api.url },
      night: nightResult,
      timedOut,
      output,
    };
  } finally {
    await watcher?.stop();
    await night?.stop();
    await api?.close();
    // Codex's app-server daemon and Gemini's relaunch parent outlive the pane and its tmux server
    endProcessesWithHome(sandbox.home);
    await removeWhenQuiet(sandbox.root);
  }
}

/** The project every scenario starts from (agent-neutral; scenarios add their own). */
function baseFiles(): Record<string, string> {
  return {
    'README.md': '# bench project\n\nA small project the agent works on in the bench.\n',
    'TASKS.md': '- [ ] the next task\n',
  };
}

/**
 * Every process in the agent's pane runs with the sandbox's HOME. A pane being respawned (the queue starts each task's
 * agent afresh) has no process to read for a moment, and a process caught between its fork and its start may show no
 * environment of its own: looked at again, for up to 5 s. A HOME other than the sandbox's fails at once; a process
 * still without HOME after 5 s fails (it would fall back to the real home).
 */
async function verifyHome(
  panePid: () => Promise<number | undefined>,
  home: string | undefined,
  seen: { pid?: number; homes?: ProcessValue[] } = {},
): Promise<boolean> {
  if (!home) return false;
  const until = Date.now() + 5000;
  for (;;) {
    const pid = await panePid();
    const homes = pid ? environOfTree(pid, 'HOME') : [];
    Object.assign(seen, { pid, homes });
    if (homes.some((h) => h.value !== null && h.value !== home)) return false;
    if (homes.length > 0 && homes.every((h) => h.value === home)) return true;
    if (Date.now() >= until) return false;
    await sleep(200);
  }
}

/** The agent may still be writing into HOME for a moment after its tmux server is gone. */
async function removeWhenQuiet(root: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
      return;
    } catch {
      await sleep(300);
    }
  }
  await execa('rm', ['-rf', '--', root], { reject: false });
}
