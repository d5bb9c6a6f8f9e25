// The status endpoint in a runner (`night`, `run`): started when the config has `http:`, fed by every night the
// process runs, with the report's redaction and a guard that reports how long each verdict took.
import { startHttpEndpoint, type HttpEndpoint } from '../http/server.js';
import type { Guard } from '../guard/types.js';
import { redact } from '../../reports/redact.js';
import type { Runtime } from './runtime.js';
import type { CommandIO } from './types.js';

/** A started endpoint and how a runtime is wired to it. */
export interface RunnerEndpoint {
  readonly endpoint: HttpEndpoint;
  /** the runtime with the endpoint watching its nights (and timing its guard) */
  attach(runtime: Runtime): Runtime;
  close(): Promise<void>;
}

/** Starts the endpoint when `http:` is configured (undefined otherwise) and says where it listens. */
export async function openRunnerEndpoint(
  runtime: Runtime,
  io: CommandIO,
): Promise<RunnerEndpoint | undefined> {
  const { config, secrets } = runtime.loaded;
  if (!config.http) return undefined;
  const extra = [...secrets, ...(config.http.token ? [config.http.token] : [])];
  const endpoint = await startHttpEndpoint({ config, redact: (text) => redact(text, extra) });
  const message = `status endpoint: ${endpoint.url}/ (metrics: ${endpoint.url}/metrics)${config.http.token ? '; open it with a link from `nightshift http link`' : ''}`;
  io.stderr.write(`nightshift: ${message}\n`);
  runtime.log.info({ url: endpoint.url }, message);
  const { fleet } = endpoint;
  return {
    endpoint,
    attach: (rt) => ({
      ...rt,
      guard: timedGuard(rt.guard, (ms) => fleet.metrics.guard(ms)),
      observer: fleet,
    }),
    close: () => endpoint.close(),
  };
}

/** The same guard, reporting each verdict's time. */
function timedGuard(guard: Guard, took: (ms: number) => void): Guard {
  return {
    check(command, context) {
      const start = performance.now();
      try {
        return guard.check(command, context);
      } finally {
        took(performance.now() - start);
      }
    },
  };
}
