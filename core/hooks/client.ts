// `nightshift hook <agent> <event>`: the program an agent runs for each hook event. It reads the event's JSON, asks the
// runner, and prints an answer in the agent's format. Without a clear answer from the runner it makes no decision,
// so the agent's own dialog appears and the screen path takes over: it never allows by default.
import { askControl, readEndpoint } from '../control/client.js';
import { ADAPTERS, noDecision, type HookOutput } from './adapters.js';
import type { ChannelKind, HookAnswer, HookRequest } from './protocol.js';

/** How long the client waits for the event's JSON and then for the runner, at most. */
export const HOOK_LIMITS = { stdinMs: 2000, stdinBytes: 8 * 1024 * 1024, answerMs: 3000 } as const;

/** What the client needs from its process. */
export interface HookClientIO {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

const USAGE =
  'usage: nightshift hook <agent> <event> --channel claude-settings|codex-config|gemini-system-settings --endpoint <stateDir>/control.json';

/** Runs the client; returns the exit code. Prints exactly one answer on stdout whatever happens. */
export async function runHookClient(argv: readonly string[], io: HookClientIO): Promise<number> {
  const args = parse(argv);
  const adapter = args.channel ? ADAPTERS[args.channel] : undefined;
  if (!args.agent || !args.event || !adapter || !args.endpoint) {
    io.stderr.write(`${USAGE}\n`);
    return emit(io, noDecision());
  }
  const text = await readStdin(io.stdin);
  let input: Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(text ?? '');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    input = value as Record<string, unknown>;
  } catch {
    io.stderr.write('nightshift hook: the hook input is not a JSON object; no decision\n');
    return emit(io, noDecision());
  }
  const endpoint = readEndpoint(args.endpoint);
  if (!endpoint) {
    io.stderr.write(`nightshift hook: no runner at ${args.endpoint}; no decision\n`);
    return emit(io, noDecision());
  }
  const body: HookRequest = {
    agent: args.agent,
    channel: args.channel!,
    event: args.event,
    call: adapter.read(args.event, input),
  };
  const reply = await askControl(endpoint, 'hook', body, { timeoutMs: HOOK_LIMITS.answerMs });
  const answer = reply.ok ? asAnswer(reply.result) : undefined;
  if (!answer) {
    io.stderr.write(
      `nightshift hook: ${reply.ok ? 'the runner answered something else than a decision' : reply.error.message}; no decision\n`,
    );
    return emit(io, noDecision());
  }
  return emit(io, adapter.write(args.event, answer));
}

function emit(io: HookClientIO, output: HookOutput): number {
  io.stdout.write(output.stdout);
  return output.code;
}

/** A runner's result, if it is a decision. */
function asAnswer(result: unknown): HookAnswer | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const r = result as Record<string, unknown>;
  if (r.decision !== 'allow' && r.decision !== 'deny' && r.decision !== 'none') return undefined;
  if (r.message !== undefined && typeof r.message !== 'string') return undefined;
  return { decision: r.decision, message: r.message as string | undefined };
}

function parse(argv: readonly string[]): {
  agent?: string;
  event?: string;
  channel?: ChannelKind;
  endpoint?: string;
} {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--') && i + 1 < argv.length) flags[arg.slice(2)] = argv[++i]!;
    else positional.push(arg);
  }
  const channel = flags.channel as ChannelKind | undefined;
  return {
    agent: positional[0],
    event: positional[1],
    channel: channel && channel in ADAPTERS ? channel : undefined,
    endpoint: flags.endpoint,
  };
}

/** The whole of stdin, or undefined when it is too long or does not end in time. */
function readStdin(stdin: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (value: string | undefined) => {
      clearTimeout(timer);
      stdin.removeAllListeners('data');
      stdin.removeAllListeners('end');
      stdin.pause();
      resolve(value);
    };
    const timer = setTimeout(() => done(undefined), HOOK_LIMITS.stdinMs);
    stdin.on('data', (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > HOOK_LIMITS.stdinBytes) return done(undefined);
      chunks.push(buffer);
    });
    stdin.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    stdin.on('error', () => done(undefined));
  });
}
