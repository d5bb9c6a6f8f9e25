// bench/hook-roundtrip: what an agent waits for at each tool call when nightshift answers through its hook.
//   npm run build && npx tsx bench/hook-roundtrip.ts [--runs 40]
// A control endpoint with the night's real `hook` route (the real guard, a budget that is never spent) listens in a
// temp state dir; `node dist/hook.js` (the shipped client entry) is started `--runs` times in turn, as Claude Code
// starts it, with a PermissionRequest for a safe command on stdin. Measured: from spawn to the answer on stdout
// (the agent's wait), beside a bare `node -e 0` start (the floor), and the server's share (request → reply).
// Wall times on a shared, loaded machine mostly measure the queue for a CPU: the CPU time each takes (user + system,
// read with bash's `times` for the client process, `process.cpuUsage` for the runner's in-process share) is what
// nightshift itself costs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { askControl, ControlRoutes, startControlServer } from '../core/control/index.js';
import { hookRoute } from '../core/hooks/route.js';
import { hookAgent, hookNightParts } from '../test/helpers/hook-night.js';
import { machine, numberArg, quantile } from './lib/stats.js';

const RUNS = numberArg('runs', 40);
const client = join(process.cwd(), 'dist', 'hook.js');
const INPUT = JSON.stringify({
  session_id: 'bench',
  hook_event_name: 'PermissionRequest',
  tool_name: 'Bash',
  tool_input: { command: 'npm test -- --run', description: 'Run the tests' },
});

/** Spawns a program, writes `input`, resolves with ms from spawn to its first stdout line. */
function timed(args: string[], input: string): Promise<{ ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    let first: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (first === undefined && out.includes('\n')) first = Number(process.hrtime.bigint() - start) / 1e6;
    });
    child.on('error', reject);
    child.on('close', () => resolve({ ms: first ?? Number(process.hrtime.bigint() - start) / 1e6, out }));
    child.stdin.end(input);
  });
}

/** CPU ms (user + system) a program took, read with bash's `times` (10 ms ticks, so a mean over many runs). */
function cpuOf(args: string[], input: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', '"$@" >/dev/null 2>&1; times', 'cpu', process.execPath, ...args], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      // the second line is the children's: "0m0.052s 0m0.012s"
      const line = out.trim().split('\n')[1] ?? '';
      const ms = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => (Number(m[1]) * 60 + Number(m[2])) * 1000);
      if (ms.length !== 2) reject(new Error(`no times from bash: ${out}`));
      else resolve(ms[0]! + ms[1]!);
    });
    child.stdin.end(input);
  });
}

async function main() {
  if (!existsSync(client)) throw new Error(`${client} is missing: run npm run build first`);
  const stateDir = mkdtempSync(join(tmpdir(), 'ns-bench-hook-'));
  const cwd = mkdtempSync(join(tmpdir(), 'ns-bench-hook-cwd-'));
  const routes = new ControlRoutes();
  routes.add(hookRoute(hookNightParts(hookAgent(cwd), stateDir)));
  const server = await startControlServer({ stateDir, routes });
  const args = [
    client,
    'builder',
    'PermissionRequest',
    '--channel',
    'claude-settings',
    '--endpoint',
    server.file,
  ];
  try {
    const floor: number[] = [];
    const hook: number[] = [];
    const inProcess: number[] = [];
    const floorCpu: number[] = [];
    const hookCpu: number[] = [];
    const runnerCpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      floor.push((await timed(['-e', '0'], '')).ms);
      const r = await timed(args, INPUT);
      if (!r.out.includes('"allow"')) throw new Error(`the client did not allow: ${r.out}`);
      hook.push(r.ms);
      floorCpu.push(await cpuOf(['-e', '0'], ''));
      hookCpu.push(await cpuOf(args, INPUT));
      const t = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      await askControl(
        server.endpoint,
        'hook',
        {
          agent: 'builder',
          channel: 'claude-settings',
          event: 'PermissionRequest',
          call: { kind: 'permission', tool: 'Bash', command: 'npm test -- --run' },
        },
        { timeoutMs: 5000 },
      );
      inProcess.push(Number(process.hrtime.bigint() - t) / 1e6);
      const used = process.cpuUsage(cpu);
      runnerCpu.push((used.user + used.system) / 1000);
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const row = (name: string, v: number[]) =>
      `${name.padEnd(34)} median ${quantile(v, 0.5).toFixed(1).padStart(6)} ms   p95 ${quantile(v, 0.95).toFixed(1).padStart(6)} ms   max ${Math.max(
        ...v,
      )
        .toFixed(1)
        .padStart(6)} ms`;
    console.log(`hook round trip, ${RUNS} runs; ${machine()}`);
    console.log(row('node -e 0 (process start floor)', floor));
    console.log(row('nightshift hook (spawn → answer)', hook));
    console.log(row('runner only (request → reply)', inProcess));
    console.log(
      `CPU time, mean of ${RUNS}: node -e 0 ${mean(floorCpu).toFixed(1)} ms, nightshift hook ${mean(hookCpu).toFixed(1)} ms, runner (client request and server reply, in process) ${mean(runnerCpu).toFixed(2)} ms`,
    );
  } finally {
    await server.close();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  }
}

await main();
