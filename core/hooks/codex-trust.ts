// Whether the person has trusted nightshift's Codex hooks. Codex runs a hook given with `-c` only once its exact
// definition is trusted (a hash the person records through Codex's `/hooks` screen); nightshift never writes that
// trust nor bypasses it. It only asks Codex, read-only, through `codex app-server`'s `hooks/list`.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** What Codex says of nightshift's hooks for one agent. */
export type CodexTrust =
  | { readonly state: 'trusted' }
  | { readonly state: 'untrusted'; readonly keys: readonly string[] }
  /** Codex could not be asked (not installed, too old, timed out): the handshake decides */
  | { readonly state: 'unknown'; readonly reason: string };

/** One hook as Codex's `hooks/list` describes it (the fields read here). */
export interface ListedHook {
  readonly key?: string;
  readonly source?: string;
  readonly command?: string | null;
  readonly currentHash?: string;
  readonly trustStatus?: string;
}

/** Reads the hooks listed: trusted only when every one of `commands` is listed from the session flags as trusted. */
export function trustFromList(hooks: readonly ListedHook[], commands: readonly string[]): CodexTrust {
  if (commands.length === 0) return { state: 'unknown', reason: 'no hooks of nightshift to look for' };
  const ours = hooks.filter(
    (h) => h.source === 'sessionFlags' && typeof h.command === 'string' && commands.includes(h.command),
  );
  if (ours.length < commands.length)
    return {
      state: 'unknown',
      reason: `Codex listed ${ours.length} of nightshift's ${commands.length} hooks`,
    };
  const untrusted = ours.filter((h) => h.trustStatus !== 'trusted' && h.trustStatus !== 'managed');
  return untrusted.length
    ? { state: 'untrusted', keys: untrusted.map((h) => h.key ?? '?') }
    : { state: 'trusted' };
}

/** How to ask Codex: the agent's program, the `-c` overrides it starts with, its folder and environment. */
export interface CodexAsk {
  readonly program: string;
  readonly overrides: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** Asks `<program> app-server -c …` how Codex sees nightshift's hooks; unknown when Codex cannot be asked. */
export async function askCodexTrust(
  o: CodexAsk & { readonly commands: readonly string[] },
): Promise<CodexTrust> {
  try {
    return trustFromList(await askCodexHooks(o), o.commands);
  } catch (error) {
    return { state: 'unknown', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The hooks `<program> app-server -c …` lists for the folder (read-only: `initialize`, then `hooks/list`). */
export function askCodexHooks(o: CodexAsk): Promise<ListedHook[]> {
  return new Promise((resolve, reject) => {
    let done = false;
    const child = spawn(o.program, ['app-server', ...o.overrides.flatMap((v) => ['-c', v])], {
      cwd: o.cwd,
      env: { ...process.env, ...o.env },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const finish = (error: Error | undefined, hooks: ListedHook[] = []) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGTERM');
      if (error) reject(error);
      else resolve(hooks);
    };
    const timer = setTimeout(
      () => finish(new Error('codex app-server did not answer hooks/list in time')),
      o.timeoutMs ?? 60_000,
    );
    timer.unref();
    child.on('error', (error) => finish(new Error(`codex app-server: ${error.message}`)));
    child.on('exit', () => finish(new Error('codex app-server ended before answering hooks/list')));
    child.stdin.on('error', () => undefined);
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    createInterface({ input: child.stdout }).on('line', (line) => {
      let message: {
        id?: number;
        result?: { data?: { hooks?: ListedHook[] }[] };
        error?: { message?: string };
      };
      try {
        message = JSON.parse(line) as typeof message;
      } catch {
        return;
      }
      if (message.id === 1) {
        send({ jsonrpc: '2.0', method: 'initialized' });
        send({ jsonrpc: '2.0', id: 2, method: 'hooks/list', params: { cwds: [o.cwd] } });
      } else if (message.id === 2) {
        const data = message.result?.data;
        if (message.error || !Array.isArray(data))
          finish(new Error(`hooks/list: ${message.error?.message ?? 'no data in the answer'}`));
        else
          finish(
            undefined,
            data.flatMap((entry) => (Array.isArray(entry.hooks) ? entry.hooks : [])),
          );
      }
    });
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { clientInfo: { name: 'nightshift', version: '1' } },
    });
  });
}

/** What the person does once so Codex runs nightshift's hooks (printed by `nightshift doctor` and the report). */
export function codexTrustStep(o: { program: string; overrides: readonly string[]; cwd: string }): string {
  const args = o.overrides.map((v) => `-c ${shellQuote(v)}`).join(' ');
  return (
    `Codex runs nightshift's hooks only once you trust them. Once: cd ${shellQuote(o.cwd)} && ${o.program} ${args}, ` +
    'type /hooks, check that each new hook runs `nightshift hook`, trust it, and quit. Until then the screen path answers this agent.'
  );
}

function shellQuote(word: string): string {
  return /^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
