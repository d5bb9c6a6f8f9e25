// The control-mode connection on a real server: attach, pipelining, loss, reconnect, timeouts, fallback.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTmuxVersion, createTmux } from '../../core/tmux/index.js';
import type { TmuxEvent } from '../../core/tmux/types.js';
import { startTmuxServer, type TmuxTestServer } from '../helpers/tmux-server.js';
import { waitFor } from '../helpers/wait.js';

describe('tmux control connection', () => {
  let server: TmuxTestServer;
  const events: TmuxEvent[] = [];

  beforeAll(async () => {
    server = await startTmuxServer();
    server.tmux.onEvent((e) => events.push(e));
    await server.tmux.createPane({ session: 'ctl', window: 'one', cwd: '/tmp', cols: 80, rows: 24 });
  });
  afterAll(() => server?.kill());

  it('attaches once a session exists, as a no-output client', async () => {
    await server.tmux.serverRunning();
    expect(server.tmux.transport()).toBe('control');
    expect(events).toContainEqual({ type: 'control-connected', session: 'ctl' });
    const clients = await server.run(['list-clients', '-F', '#{client_control_mode} #{client_flags}']);
    expect(clients).toMatch(/^1 .*no-output/m);
    expect(clients).toMatch(/ignore-size/);
  });

  it('pipelines many commands and answers each in order', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        server.tmux.command(['display-message', '-p', `n${i} #{session_name}`]),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 200 }, (_, i) => [`n${i} ctl`]));
  });

  it('times out a command that gets no answer, then recovers on a fresh client', async () => {
    const tmux = createTmux({ socket: server.socket, timeoutMs: 300 });
    const lost: TmuxEvent[] = [];
    tmux.onEvent((e) => lost.push(e));
    await tmux.serverRunning();
    expect(tmux.transport()).toBe('control');
    // wait-for answers at once but holds this client's queue until the channel is signalled
    await tmux.command(['wait-for', 'ns-never']);
    await expect(tmux.command(['display-message', '-p', 'blocked'])).rejects.toMatchObject({
      code: 'TMUX_TIMEOUT',
    });
    expect(lost).toContainEqual({ type: 'control-lost', reason: expect.stringContaining('no answer') });
    expect(await tmux.command(['display-message', '-p', 'fresh'])).toEqual(['fresh']);
    expect(tmux.transport()).toBe('control');
    expect(lost.filter((e) => e.type === 'server-lost')).toEqual([]);
    await tmux.close();
  });

  it('falls back to processes when control mode is off', async () => {
    const tmux = createTmux({ socket: server.socket, control: false });
    expect(await tmux.command(['display-message', '-p', '#{session_name}'])).toEqual(['ctl']);
    expect(tmux.transport()).toBe('process');
    await tmux.close();
  });

  it('closes without stopping the server, and reconnects on the next command', async () => {
    await server.tmux.close();
    expect(server.tmux.transport()).toBe('process');
    // clients dropped by earlier tests may take a moment to leave the server's list
    await waitFor(async () => (await server.run(['list-clients'])) === '', 'no client attached');
    expect(await server.tmux.hasSession('ctl')).toBe(true);
    expect(server.tmux.transport()).toBe('control');
  });

  it('rejects commands in flight when the server dies, reports the loss, and reconnects to a new server', async () => {
    const before = events.length;
    const pid = Number(await server.run(['display-message', '-p', '#{pid}']));
    // hold the queue so the next command is in flight when the server dies (kill-server would release the hold)
    await server.tmux.command(['wait-for', 'ns-hold']);
    const inFlight = server.tmux.command(['display-message', '-p', 'never answered']);
    process.kill(pid, 'SIGKILL');
    await expect(inFlight).rejects.toMatchObject({
      code: 'TMUX_FAILED',
      message: expect.stringContaining('lost'),
    });
    await waitFor(() => events.slice(before).some((e) => e.type === 'server-lost'), 'the server-lost event');
    expect(events.slice(before)).toContainEqual({ type: 'control-lost', reason: expect.any(String) });
    expect(await server.tmux.serverRunning()).toBe(false);
    await expect(server.tmux.capture(['%0'])).rejects.toMatchObject({
      code: 'TMUX_FAILED',
      message: expect.stringMatching(/no server running|error connecting/),
    });
    await restartServer();
  });

  it('reports kill-server by someone else as a loss, and comes back with the new server', async () => {
    await server.tmux.serverRunning();
    expect(server.tmux.transport()).toBe('control');
    const before = events.length;
    await server.run(['kill-server']);
    await waitFor(() => events.slice(before).some((e) => e.type === 'server-lost'), 'the server-lost event');
    expect(server.tmux.transport()).toBe('process');
    await restartServer();
    expect(events.slice(before).filter((e) => e.type === 'server-lost')).toHaveLength(1);
    expect(events.slice(before).filter((e) => e.type === 'control-connected')).toHaveLength(1);
  });

  /** A new server on the same socket: the layout is recreated and the control client comes back. */
  async function restartServer(): Promise<void> {
    const paneId = await server.tmux.createPane({
      session: 'ctl',
      window: 'again',
      cwd: '/tmp',
      cols: 80,
      rows: 24,
    });
    expect((await server.tmux.capture([paneId])).get(paneId)).toMatchObject({ width: 80, height: 24 });
    expect(server.tmux.transport()).toBe('control');
  }

  it('does not report a loss for a server it killed itself', async () => {
    const tmux = createTmux({ socket: `${server.socket}-own`, configFile: '/dev/null' });
    const seen: TmuxEvent[] = [];
    tmux.onEvent((e) => seen.push(e));
    await tmux.createPane({ session: 'own', window: 'w', cwd: '/tmp', cols: 80, rows: 24 });
    await tmux.serverRunning();
    await tmux.killServer();
    expect(await tmux.serverRunning()).toBe(false);
    await tmux.killServer(); // no server: nothing to do
    expect(seen.filter((e) => e.type === 'server-lost' || e.type === 'control-lost')).toEqual([]);
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.()}`, `${server.socket}-own`), {
      force: true,
    });
  });

  it('does not report a loss when killing its last pane ends the server', async () => {
    const socket = `${server.socket}-last`;
    const tmux = createTmux({ socket, configFile: '/dev/null' });
    const seen: TmuxEvent[] = [];
    tmux.onEvent((e) => seen.push(e));
    const paneId = await tmux.createPane({ session: 'last', window: 'w', cwd: '/tmp', cols: 80, rows: 24 });
    await tmux.serverRunning();
    expect(tmux.transport()).toBe('control');
    await tmux.killPane(paneId);
    await waitFor(async () => !(await tmux.serverRunning()), 'the server to exit');
    await new Promise((r) => setTimeout(r, 300));
    // control-lost may come (our client was attached to that session); the server was not lost, it was ended
    expect(seen.filter((e) => e.type === 'server-lost')).toEqual([]);
    await tmux.close();
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.()}`, socket), { force: true });
  });

  it('keeps node free to exit while idle (the control client is unref’d)', async () => {
    const script = `import { createTmux } from ${JSON.stringify(join(import.meta.dirname, '../../core/tmux/index.ts'))};
const tmux = createTmux({ socket: ${JSON.stringify(server.socket)} });
await tmux.serverRunning();
console.log(tmux.transport());`;
    const { execa } = await import('execa');
    const result = await execa('npx', ['tsx', '--input-type=module', '-e', script], {
      // a client that holds node open never exits; one that does not exits as soon as tsx has started
      timeout: 90_000,
      reject: false,
    });
    expect(result.timedOut).toBe(false);
    expect(result.stdout.trim()).toBe('control');
  });
});

describe('tmux version', () => {
  it('accepts the installed tmux', async () => {
    const v = await checkTmuxVersion();
    expect(v.text).toMatch(/^tmux /);
    expect(v.major).toBeGreaterThanOrEqual(3);
    expect(await createTmux().version()).toEqual(v);
  });

  it('says how to install tmux when it is missing', async () => {
    await expect(checkTmuxVersion({ bin: '/nonexistent/tmux' })).rejects.toMatchObject({
      code: 'TMUX_MISSING',
      exitCode: 2,
      message: expect.stringMatching(/apt-get install tmux.*brew install tmux/),
    });
    await expect(
      createTmux({ bin: '/nonexistent/tmux', socket: 'ns-none' }).serverRunning(),
    ).rejects.toMatchObject({ code: 'TMUX_MISSING' });
  });

  it('says how to upgrade a tmux older than 3.2', async () => {
    await expect(
      checkTmuxVersion({ bin: join(import.meta.dirname, 'fixtures', 'old-tmux.sh') }),
    ).rejects.toMatchObject({
      code: 'TMUX_TOO_OLD',
      message: expect.stringMatching(/tmux 2\.9a is too old: nightshift needs tmux 3\.2 or newer/),
    });
  });
});
