// nightshift's Codex hooks run only once the person trusted them: the night asks Codex (read-only) and says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { agentSchema } from '../../config/schema.js';
import { askCodexTrust, trustFromList } from '../../core/hooks/codex-trust.js';
import { wireAgentHooks } from '../../core/hooks/wiring.js';
import { hookChannelLines } from '../../core/commands/doctor-hooks.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
/** How long an app-server that answers may take: the night's own wait. */
const ANSWER_MS = 60_000;
/** How long the app-server that never answers is waited for. */
const SILENT_MS = 3000;
const appServer = fileURLToPath(
  new URL('../fixtures/programs/codex-app-server-lists-hooks.mjs', import.meta.url),
);

describe("reading Codex's hooks/list", () => {
  const ours = ['hook a PermissionRequest', 'hook a SessionStart'];
  const listed = (status: string, command = ours[0]) => ({
    key: `k-${command}`,
    source: 'sessionFlags',
    command,
    trustStatus: status,
  });
  it.each([
    { name: 'all trusted', hooks: [listed('trusted'), listed('trusted', ours[1])], state: 'trusted' },
    { name: 'one untrusted', hooks: [listed('trusted'), listed('untrusted', ours[1])], state: 'untrusted' },
    {
      name: 'one modified since it was trusted',
      hooks: [listed('modified'), listed('trusted', ours[1])],
      state: 'untrusted',
    },
    { name: 'one not listed', hooks: [listed('trusted')], state: 'unknown' },
    { name: 'nothing to look for', hooks: [listed('trusted')], commands: [], state: 'unknown' },
    {
      name: 'the same command from the user config is not ours',
      hooks: [{ ...listed('trusted'), source: 'user' }, listed('trusted', ours[1])],
      state: 'unknown',
    },
  ])('$name: $state', ({ hooks, state, commands }) => {
    expect(trustFromList(hooks, commands ?? ours).state).toBe(state);
  });
});

describe('the night asks Codex whether its hooks are trusted', () => {
  const wire = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ns-codex-trust-'));
    dirs.push(dir);
    const agent = agentSchema.parse({ name: 'coder', command: appServer, profile: 'codex', cwd: dir });
    return wireAgentHooks(agent, {
      dir: join(dir, 'hooks'),
      endpointFile: join(dir, 'control.json'),
      client: 'node /x/hook.js',
    });
  };

  it("wires -c overrides on start and resume, with the person's trust step", () => {
    const w = wire();
    expect(w.state).toBe('wired');
    expect(w.config.command).toMatch(
      / -c 'hooks\.PermissionRequest=\[\{hooks=\[\{type="command",command="node \/x\/hook\.js coder PermissionRequest --channel codex-config/,
    );
    expect(w.trustStep).toMatch(/\/hooks/);
    expect(w.trustStep).not.toMatch(/dangerously|bypass/);
  });

  // An answer is waited for as long as a night waits (a node app-server starting on a busy machine took over 3 s);
  // only the one that never answers is given a short wait, as it always waits all of it.
  it.each([
    {
      name: 'trusted by the person',
      env: { FIXTURE_TRUSTED: '1' } as Record<string, string>,
      state: 'trusted',
      timeoutMs: ANSWER_MS,
    },
    { name: 'never trusted', env: { FIXTURE_TRUSTED: '0' }, state: 'untrusted', timeoutMs: ANSWER_MS },
    {
      name: 'Codex does not answer',
      env: { FIXTURE_MODE: 'silent' },
      state: 'unknown',
      timeoutMs: SILENT_MS,
    },
  ])('$name: $state', async ({ env, state, timeoutMs }) => {
    const w = wire();
    // the wired command's own overrides, handed to the fixture app-server
    const overrides = [...w.config.command.matchAll(/-c '([^']+)'/g)].map((m) => m[1]!);
    const commands = overrides.map((o) => JSON.parse(/command=("(?:[^"\\]|\\.)*")/.exec(o)![1]!) as string);
    const trust = await askCodexTrust({
      program: appServer,
      overrides,
      commands,
      cwd: tmpdir(),
      env,
      timeoutMs,
    });
    expect(trust.state).toBe(state);
  });

  it('a program that is not there is unknown, not trusted', async () => {
    const trust = await askCodexTrust({
      program: '/nonexistent/codex',
      overrides: [],
      commands: ['x'],
      cwd: tmpdir(),
      env: {},
    });
    expect(trust.state).toBe('unknown');
  });
});

describe('nightshift doctor says which hooks the night wires and whether Codex trusts them', () => {
  const agent = (name: string, command: string, extra: object = {}) =>
    agentSchema.parse({ name, command, cwd: tmpdir(), ...extra });
  it.each([
    {
      name: 'Codex never trusted: a warning with the one step the person takes',
      agents: [agent('coder', appServer, { profile: 'codex', env: { FIXTURE_TRUSTED: '0' } })],
      lines: [{ level: 'warn', detail: expect.stringMatching(/^coder: not trusted yet.*\/hooks/) }],
    },
    {
      name: 'Codex trusted by the person',
      agents: [agent('coder', appServer, { profile: 'codex', env: { FIXTURE_TRUSTED: '1' } })],
      lines: [{ level: 'ok', detail: 'coder: its hooks are trusted in Codex' }],
    },
    {
      name: 'Codex that does not answer: a warning, the handshake will tell',
      agents: [agent('coder', appServer, { profile: 'codex', env: { FIXTURE_MODE: 'silent' } })],
      lines: [{ level: 'warn', detail: expect.stringMatching(/could not ask Codex/) }],
      timeoutMs: SILENT_MS,
    },
    {
      name: 'Claude Code is wired per session; hooks: false is off',
      agents: [agent('a', 'claude'), agent('b', 'claude', { hooks: false })],
      lines: [
        { level: 'ok', detail: 'a: wired for each night (claude-settings)' },
        { level: 'ok', detail: 'b: off: hooks: false for this agent' },
      ],
    },
  ])('$name', async ({ agents, lines, timeoutMs }) => {
    const out = await hookChannelLines(
      { agents, stateDir: join(tmpdir(), 'ns-doctor-hooks-state') },
      { client: 'node /x/hook.js', timeoutMs: timeoutMs ?? ANSWER_MS },
    );
    expect(out).toMatchObject(lines);
  });
});
