import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ControlRoutes, startControlServer, type ControlServer } from '../../core/control/index.js';
import { HOOK_LIMITS, runHookClient } from '../../core/hooks/client.js';
import type { HookAnswer, HookRequest } from '../../core/hooks/protocol.js';
import { hookRoute } from '../../core/hooks/route.js';
import { hookAgent, hookNightParts } from '../helpers/hook-night.js';

const dirs: string[] = [];
const servers: ControlServer[] = [];
const raw: Server[] = [];
const rawConnections: Socket[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  rawConnections.splice(0).forEach((c) => c.destroy());
  await Promise.all(raw.splice(0).map((s) => new Promise((r) => s.close(r))));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ns-hook-'));
  dirs.push(dir);
  return dir;
};

const CLAUDE_BASH = {
  session_id: 's',
  hook_event_name: 'PermissionRequest',
  tool_name: 'Bash',
  tool_input: { command: 'npm test', description: 'Run the tests' },
};
const GEMINI_SHELL = {
  hook_event_name: 'BeforeTool',
  tool_name: 'run_shell_command',
  tool_input: { command: 'npm test', description: 'Run the tests' },
};

/** A runner whose `hook` route answers `answer` (or never, for a hang), recording what it was asked. */
async function runner(answer: HookAnswer | 'hang' | 'throw' | unknown) {
  const asked: HookRequest[] = [];
  const routes = new ControlRoutes();
  routes.add({
    type: 'hook',
    handle: (body: HookRequest, { signal }) => {
      asked.push(body);
      if (answer === 'hang') return new Promise((r) => signal.addEventListener('abort', r));
      if (answer === 'throw') throw new Error('the runner broke');
      return answer;
    },
  });
  const server = await startControlServer({
    stateDir: tempDir(),
    routes,
    limits: { requestTimeoutMs: 10_000 },
  });
  servers.push(server);
  return { file: server.file, asked };
}

/** A runner with the night's real `hook` route and guard (a budget never spent), for agent `builder`. */
async function realRunner() {
  const routes = new ControlRoutes();
  routes.add(hookRoute(hookNightParts(hookAgent(tempDir()), tempDir())));
  const server = await startControlServer({ stateDir: tempDir(), routes });
  servers.push(server);
  return server.file;
}

/** A listener at the endpoint's socket that misbehaves; the endpoint file names it. */
async function badRunner(onConnection: (c: Socket) => void): Promise<string> {
  const dir = tempDir();
  const socket = join(dir, 'control.sock');
  const server = createServer((c) => {
    rawConnections.push(c);
    c.on('error', () => undefined);
    onConnection(c);
  });
  raw.push(server);
  await new Promise<void>((r) => server.listen(socket, r));
  writeFileSync(join(dir, 'control.json'), JSON.stringify({ socket, secret: 'whatever' }));
  return join(dir, 'control.json');
}

/** Runs the client in this process; `input` undefined leaves its stdin open (an agent that never finishes writing). */
async function hook(args: string[], input: string | undefined) {
  const stdin = new PassThrough();
  if (input === undefined) stdin.write('{"hook_event_name":"PermissionRequest",');
  else stdin.end(input);
  let stdout = '';
  let stderr = '';
  const code = await runHookClient(args, {
    stdin,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

const claudeArgs = (file: string) => [
  'builder',
  'PermissionRequest',
  '--channel',
  'claude-settings',
  '--endpoint',
  file,
];

describe('nightshift hook: answers in the agent format', () => {
  it('allows a tool call the runner allows, and hands the runner the exact command', async () => {
    const { file, asked } = await runner({ decision: 'allow' });
    const out = await hook(claudeArgs(file), JSON.stringify(CLAUDE_BASH));
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } },
    });
    expect(asked).toEqual([
      {
        agent: 'builder',
        channel: 'claude-settings',
        event: 'PermissionRequest',
        call: { kind: 'permission', tool: 'Bash', command: 'npm test' },
      },
    ]);
  });

  it('denies with the message for the agent', async () => {
    const { file } = await runner({ decision: 'deny', message: 'blocked: go on with other work' });
    const out = await hook(claudeArgs(file), JSON.stringify(CLAUDE_BASH));
    expect(JSON.parse(out.stdout)).toEqual({
      hookSpecificOutput: {
        hookEventName: 'PermissionRequest',
        decision: { behavior: 'deny', message: 'blocked: go on with other work' },
      },
    });
  });

  it("denies a Gemini BeforeTool call in Gemini's format, and never approves one (its dialog stays)", async () => {
    const deny = await runner({ decision: 'deny', message: 'no' });
    const args = (file: string) => [
      'g',
      'BeforeTool',
      '--channel',
      'gemini-system-settings',
      '--endpoint',
      file,
    ];
    expect(JSON.parse((await hook(args(deny.file), JSON.stringify(GEMINI_SHELL))).stdout)).toEqual({
      decision: 'deny',
      reason: 'no',
    });
    const allow = await runner({ decision: 'allow' });
    expect(JSON.parse((await hook(args(allow.file), JSON.stringify(GEMINI_SHELL))).stdout)).toEqual({});
  });

  it('reads a Codex argv command as the script it runs', async () => {
    const { file, asked } = await runner({ decision: 'none' });
    const input = { ...CLAUDE_BASH, tool_input: { command: ['bash', '-lc', 'ls -la && npm test'] } };
    await hook(
      ['c', 'PermissionRequest', '--channel', 'codex-config', '--endpoint', file],
      JSON.stringify(input),
    );
    expect(asked[0]!.call).toEqual({ kind: 'permission', tool: 'Bash', command: 'ls -la && npm test' });
  });
});

describe('nightshift hook: never allows by default', () => {
  const cases: {
    name: string;
    endpoint: () => Promise<string>;
    input?: string | null;
    args?: (f: string) => string[];
  }[] = [
    { name: 'no runner (no endpoint file)', endpoint: async () => join(tempDir(), 'control.json') },
    {
      name: 'the runner is gone (a stale endpoint file)',
      endpoint: async () => {
        const file = join(tempDir(), 'control.json');
        writeFileSync(file, JSON.stringify({ socket: join(tempDir(), 'gone.sock'), secret: 'x' }));
        return file;
      },
    },
    {
      name: 'the wrong secret',
      endpoint: async () => {
        const { file } = await runner({ decision: 'allow' });
        const real = JSON.parse((await import('node:fs')).readFileSync(file, 'utf8')) as object;
        writeFileSync(file, JSON.stringify({ ...real, secret: 'f'.repeat(64) }));
        return file;
      },
    },
    { name: 'the runner hangs', endpoint: async () => (await runner('hang')).file },
    { name: 'the runner fails', endpoint: async () => (await runner('throw')).file },
    { name: 'the runner crashes mid-request', endpoint: () => badRunner((c) => c.destroy()) },
    { name: 'the runner answers garbage', endpoint: () => badRunner((c) => c.end('{"decision":"allow"}\n')) },
    {
      name: 'the runner answers a result that is not a decision',
      endpoint: async () => (await runner({ decision: 'yes please' })).file,
    },
    {
      name: 'the hook input is not JSON',
      endpoint: async () => (await runner({ decision: 'allow' })).file,
      input: 'not json',
    },
    {
      name: 'the hook input never ends (the client would hang)',
      endpoint: async () => (await runner({ decision: 'allow' })).file,
      input: null,
    },
    {
      name: 'the hook input is longer than the client reads',
      endpoint: async () => (await runner({ decision: 'allow' })).file,
      input: JSON.stringify({ ...CLAUDE_BASH, padding: 'x'.repeat(HOOK_LIMITS.stdinBytes) }),
    },
    {
      name: 'the hook input is JSON but a list',
      endpoint: async () => (await runner({ decision: 'allow' })).file,
      input: JSON.stringify([CLAUDE_BASH]),
    },
    {
      name: 'the hook input is JSON null',
      endpoint: async () => (await runner({ decision: 'allow' })).file,
      input: 'null',
    },
    {
      name: 'the arguments are wrong',
      endpoint: async () => (await runner({ decision: 'allow' })).file,
      args: (f) => ['builder', 'PermissionRequest', '--channel', 'nonsense', '--endpoint', f],
    },
  ];
  it.each(cases)('$name: no decision', async ({ endpoint, input, args }) => {
    const file = await endpoint();
    const out = await hook(
      (args ?? claudeArgs)(file),
      input === null ? undefined : (input ?? JSON.stringify(CLAUDE_BASH)),
    );
    expect(out).toMatchObject({ code: 0, stdout: '{}\n' });
    expect(out.stderr).toMatch(/no decision|usage/);
  });

  // garbage in the tool call itself reaches the runner: with the real route and guard it is never allowed
  const garbage: { name: string; input: unknown }[] = [
    { name: 'no tool input', input: { ...CLAUDE_BASH, tool_input: undefined } },
    { name: 'the tool input is a string', input: { ...CLAUDE_BASH, tool_input: 'npm test' } },
    { name: 'the command is a number', input: { ...CLAUDE_BASH, tool_input: { command: 42 } } },
    {
      name: 'the command is an object',
      input: { ...CLAUDE_BASH, tool_input: { command: { run: 'npm test' } } },
    },
    { name: 'the command is a list of numbers', input: { ...CLAUDE_BASH, tool_input: { command: [1, 2] } } },
    { name: 'no tool name', input: { ...CLAUDE_BASH, tool_name: undefined } },
    { name: 'a tool that is not a shell', input: { ...CLAUDE_BASH, tool_name: 'Write' } },
    { name: 'an empty command', input: { ...CLAUDE_BASH, tool_input: { command: '' } } },
    {
      name: 'a command with control characters',
      input: { ...CLAUDE_BASH, tool_input: { command: 'npm test\u0000; rm -rf ~' } },
    },
    { name: 'an event that decides nothing', input: { hook_event_name: 'Stop', tool_name: 'Bash' } },
  ];
  it.each(garbage)('garbage in the tool call ($name): the real runner makes no allow', async ({ input }) => {
    const file = await realRunner();
    const out = await hook(claudeArgs(file), JSON.stringify(input));
    expect(out.code).toBe(0);
    expect(out.stdout).not.toMatch(/allow/);
  });

  it('the real runner does allow a safe command (so the garbage rows above could fail)', async () => {
    const out = await hook(claudeArgs(await realRunner()), JSON.stringify(CLAUDE_BASH));
    expect(JSON.parse(out.stdout)).toMatchObject({ hookSpecificOutput: { decision: { behavior: 'allow' } } });
  });

  it('a client process killed while it waits (the agent gave up on it) printed no allow', async () => {
    const { file, asked } = await runner('hang');
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', join('core', 'hooks', 'hook-main.ts'), ...claudeArgs(file)],
      () => undefined,
    );
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stdin?.end(JSON.stringify(CLAUDE_BASH));
    // killed once the runner has the request, as an agent's hook timeout kills it
    while (!asked.length) await new Promise((r) => setTimeout(r, 20));
    const exit = new Promise<{ code: number | null; signal: string | null }>((r) =>
      child.on('exit', (code, signal) => r({ code, signal })),
    );
    child.kill('SIGTERM');
    expect(await exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(stdout).toBe('');
  });

  it('a client process that crashes prints no allow and exits non-zero (the agent shows its dialog)', async () => {
    const { file } = await runner({ decision: 'allow' });
    // a crash at start-up, before any answer: an entry that does not exist
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', join('core', 'hooks', 'no-such-entry.ts'), ...claudeArgs(file)],
        (error, stdout) => resolve({ code: error ? (error.code as number) : 0, stdout }),
      );
      child.stdin?.end(JSON.stringify(CLAUDE_BASH));
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBe(2); // exit 2 would be a blocking answer to Claude and Codex
    expect(result.stdout).not.toContain('allow');
  });

  it('the real client process answers through a real runner', async () => {
    const { file } = await runner({ decision: 'allow' });
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', join('core', 'hooks', 'hook-main.ts'), ...claudeArgs(file)],
        (error, out) => (error ? reject(error) : resolve(out)),
      );
      child.stdin?.end(JSON.stringify(CLAUDE_BASH));
    });
    expect(JSON.parse(stdout)).toMatchObject({ hookSpecificOutput: { decision: { behavior: 'allow' } } });
  });
});
