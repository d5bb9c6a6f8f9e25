// Layout on a real private tmux server: sessions and windows created for agents, existing panes adopted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTmuxServer, type TmuxTestServer } from '../helpers/tmux-server.js';
import { waitFor } from '../helpers/wait.js';

describe('tmux layout', () => {
  let server: TmuxTestServer;
  const cwd = mkdtempSync(join(tmpdir(), 'ns-layout-#1-'));

  beforeAll(async () => {
    server = await startTmuxServer();
  });
  afterAll(async () => {
    await server?.kill();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('reports a server without sessions as running, and no panes', async () => {
    const { tmux } = server;
    expect(await tmux.serverRunning()).toBe(true);
    expect(await tmux.hasSession('fleet')).toBe(false);
    expect(await tmux.listPanes('fleet')).toEqual([]);
    // a control client needs a session to attach to: until one exists, commands go through processes
    expect(tmux.transport()).toBe('process');
  });

  it('creates the session for the first agent, sized, with an idle placeholder and remain-on-exit', async () => {
    const { tmux } = server;
    const paneId = await tmux.createPane({ session: 'fleet', window: 'builder', cwd, cols: 100, rows: 30 });
    expect(paneId).toMatch(/^%\d+$/);
    expect(await tmux.hasSession('fleet')).toBe(true);
    const [pane] = await tmux.listPanes('fleet');
    expect(pane).toMatchObject({
      paneId,
      session: 'fleet',
      window: 'builder',
      width: 100,
      height: 30,
      dead: false,
      piped: false,
    });
    // the shell execs the placeholder a moment after the pane exists
    await waitFor(
      async () => (await tmux.listPanes('fleet'))[0]?.currentCommand === 'sleep',
      'the placeholder',
    );
    expect(await server.run(['show-options', '-wv', '-t', paneId, 'remain-on-exit'])).toBe('on\n');
    expect(await server.run(['display-message', '-p', '-t', paneId, '#{pane_current_path}'])).toBe(
      `${cwd}\n`,
    );
  });

  it('attaches the control client once a session exists', async () => {
    await server.tmux.hasSession('fleet');
    expect(server.tmux.transport()).toBe('control');
  });

  it('adds a window named after each later agent, with the size asked for', async () => {
    const { tmux } = server;
    const paneId = await tmux.createPane({ session: 'fleet', window: 'reviewer', cwd, cols: 132, rows: 43 });
    const panes = await tmux.listPanes('fleet');
    expect(panes.map((p) => p.window)).toEqual(['builder', 'reviewer']);
    expect(panes[1]).toMatchObject({
      paneId,
      windowIndex: 1,
      width: 132,
      height: 43,
    });
    expect(await server.run(['show-options', '-wv', '-t', paneId, 'remain-on-exit'])).toBe('on\n');
  });

  it('keeps a window name with # as it is (tmux would expand it as a format)', async () => {
    const paneId = await server.tmux.createPane({
      session: 'fleet',
      window: 'w#{pane_id}',
      cwd,
      cols: 80,
      rows: 24,
    });
    expect((await server.tmux.listPanes('fleet')).find((p) => p.paneId === paneId)?.window).toBe(
      'w#{pane_id}',
    );
    await server.tmux.killPane(paneId);
  });

  it('adopts existing panes by target, exactly when asked', async () => {
    const { tmux } = server;
    const [builder, reviewer] = await tmux.listPanes('fleet');
    expect(await tmux.resolveTarget('fleet:builder')).toBe(builder!.paneId);
    expect(await tmux.resolveTarget('fleet:1.0')).toBe(reviewer!.paneId);
    expect(await tmux.resolveTarget('=fleet:=reviewer')).toBe(reviewer!.paneId);
    expect(await tmux.resolveTarget(reviewer!.paneId)).toBe(reviewer!.paneId);
    // tmux matches window names by prefix; `=` asks for the exact name
    expect(await tmux.resolveTarget('fleet:rev')).toBe(reviewer!.paneId);
    expect(await tmux.resolveTarget('=fleet:=rev')).toBeUndefined();
    // display-message alone would answer with the current pane for these
    expect(await tmux.resolveTarget('fleet:7')).toBeUndefined();
    expect(await tmux.resolveTarget('fleet:builder.5')).toBeUndefined();
    expect(await tmux.resolveTarget('nosuch:0')).toBeUndefined();
    expect(await tmux.resolveTarget('%999')).toBeUndefined();
  });

  it('adopts panes made outside nightshift', async () => {
    await server.run(['new-session', '-d', '-s', 'mine', '-x', '90', '-y', '20', 'sleep 600']);
    const id = await server.tmux.resolveTarget('mine:0.0');
    expect(id).toMatch(/^%\d+$/);
    expect(await server.tmux.listPanes('mine')).toEqual([
      expect.objectContaining({ paneId: id, session: 'mine', width: 90, height: 20 }),
    ]);
    expect((await server.tmux.listPanes()).map((p) => p.session)).toEqual(['fleet', 'fleet', 'mine']);
  });

  it('matches session names exactly', async () => {
    expect(await server.tmux.hasSession('fle')).toBe(false);
    expect(await server.tmux.listPanes('fle')).toEqual([]);
  });

  it('kills a pane', async () => {
    const paneId = await server.tmux.createPane({
      session: 'fleet',
      window: 'doomed',
      cwd,
      cols: 80,
      rows: 24,
    });
    await server.tmux.killPane(paneId);
    expect((await server.tmux.listPanes('fleet')).map((p) => p.paneId)).not.toContain(paneId);
    await expect(server.tmux.killPane(paneId)).rejects.toMatchObject({ code: 'TMUX_FAILED' });
  });

  it('fails as data with the command and tmux’s message', async () => {
    await expect(server.tmux.command(['no-such-command'])).rejects.toMatchObject({
      code: 'TMUX_FAILED',
      message: expect.stringMatching(/tmux no-such-command failed: .*unknown command/),
    });
  });
});
