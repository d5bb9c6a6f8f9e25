// The status endpoint as a night runs it, for the tick benches (`--http 1`): started on loopback, told of the night,
// of each journal event and each tick's time, with a client in another process (so its own CPU is not the runner's)
// that keeps the page's live stream open and scrapes /metrics and /api/status every `scrapeMs`.
import { spawn, type ChildProcess } from 'node:child_process';
import pino from 'pino';
import type { Config } from '../../config/schema.js';
import type { NewJournalEvent } from '../../core/journal/events.js';
import { startHttpEndpoint } from '../../core/http/server.js';
import { makePrivateDir } from '../../core/files/private.js';
import { createGuard } from '../../core/guard/index.js';
import type { AgentRuntime } from '../../core/watch/agent-runtime.js';
import type { TickDeps } from '../../core/watch/tick.js';
import { redact } from '../../reports/redact.js';

/** What the client read: scrapes answered, stream bytes received. */
export interface ClientTally {
  readonly scrapes: number;
  readonly failed: number;
  readonly streamBytes: number;
  readonly streamEvents: number;
}

/** A running endpoint with its client. */
export interface BenchEndpoint {
  readonly url: string;
  event(e: NewJournalEvent): void;
  tick(ms: number): void;
  /** stops the client (returning what it read) and the endpoint */
  close(): Promise<ClientTally>;
}

const CLIENT = `
const [url, every] = process.argv.slice(1);
const tally = { scrapes: 0, failed: 0, streamBytes: 0, streamEvents: 0 };
process.on('SIGTERM', () => { process.stdout.write(JSON.stringify(tally)); process.exit(0); });
(async () => {
  const r = await fetch(url + '/api/events');
  const reader = r.body.getReader();
  const text = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    tally.streamBytes += value.length;
    tally.streamEvents += (text.decode(value).match(/^event: status$/gm) || []).length;
  }
})();
setInterval(async () => {
  for (const path of ['/metrics', '/api/status']) {
    try { const res = await fetch(url + path); await res.text(); res.ok ? tally.scrapes++ : tally.failed++; }
    catch { tally.failed++; }
  }
}, Number(every));
`;

/** Starts the endpoint on the config's stateDir (with `http:` loopback on a free port) over these agents. */
export async function benchEndpoint(o: {
  readonly config: Config;
  readonly agents: readonly AgentRuntime[];
  readonly watch: TickDeps;
  readonly runDir: string;
  readonly scrapeMs: number;
}): Promise<BenchEndpoint> {
  const config: Config = { ...o.config, http: { listen: '127.0.0.1:0', answer: false } };
  makePrivateDir(config.stateDir);
  const endpoint = await startHttpEndpoint({ config, redact: (text) => redact(text) });
  const now = () => new Date();
  const plan = { id: 'bench', runDir: o.runDir, start: now(), end: new Date(Date.now() + 3_600_000) };
  endpoint.fleet.open({
    config,
    night: plan,
    plan,
    agents: o.agents,
    watch: o.watch,
    guard: createGuard(),
    journal: () => true,
    log: pino({ level: 'silent' }),
    now,
    tasks: () => [],
    previous: [],
  });
  const client: ChildProcess = spawn(process.execPath, ['-e', CLIENT, endpoint.url, String(o.scrapeMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  client.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  return {
    url: endpoint.url,
    event: (e) => endpoint.fleet.event(e, now()),
    tick: (ms) => endpoint.fleet.tick(ms),
    close: async () => {
      const exited = new Promise((resolve) => client.once('exit', resolve));
      client.kill('SIGTERM');
      await exited;
      await endpoint.close();
      return JSON.parse(out || '{}') as ClientTally;
    },
  };
}
