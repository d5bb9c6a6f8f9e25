// A private tmux server for a test file: its own socket, no user config, killed in teardown even when tests fail.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa, execaSync } from 'execa';
import { createTmux } from '../../core/tmux/index.js';
import type { TmuxClient, TmuxOptions } from '../../core/tmux/types.js';

/** A running private server and ways to reach it. */
export interface TmuxTestServer {
  /** the `-L` socket name, unique per process and call */
  readonly socket: string;
  /** nightshift's client for this server (control mode unless asked otherwise) */
  readonly tmux: TmuxClient;
  /** runs `tmux -L socket …` as a process and returns stdout; throws on a non-zero exit */
  run(args: readonly string[]): Promise<string>;
  /** closes the client and kills the server; safe to call twice */
  kill(): Promise<void>;
}

let count = 0;

/**
 * Starts `tmux -L ns-test-<pid>-<n> -f /dev/null` with `exit-empty off`, so it lives without sessions until `kill()`.
 * Use with `afterAll(() => server.kill())`; a process exit kills it too.
 */
export async function startTmuxServer(
  options: Omit<TmuxOptions, 'socket' | 'configFile'> = {},
): Promise<TmuxTestServer> {
  const socket = `ns-test-${process.pid}-${++count}`;
  const base = ['-u', '-L', socket, '-f', '/dev/null'];
  const env = { TMUX: undefined, TMUX_PANE: undefined };
  const run = async (args: readonly string[]) =>
    (await execa('tmux', [...base, ...args], { env, stripFinalNewline: false })).stdout;
  await run(['start-server', ';', 'set-option', '-g', 'exit-empty', 'off']);
  const socketPath = (await run(['display-message', '-p', '#{socket_path}'])).trim();
  const tmux = createTmux({ ...options, socket, configFile: '/dev/null' });
  // tmux leaves its socket file behind when killed
  const onExit = () => {
    execaSync('tmux', [...base, 'kill-server'], { reject: false, env });
    rmSync(socketPath, { force: true });
  };
  process.once('exit', onExit);
  return {
    socket,
    tmux,
    run,
    async kill() {
      process.off('exit', onExit);
      await tmux.close().catch(() => undefined);
      await execa('tmux', [...base, 'kill-server'], { reject: false, env });
      rmSync(socketPath, { force: true });
    },
  };
}

/**
 * Kills the tmux server on `-L socket` (started by anyone: a fleet's night, a test host's node) and deletes the
 * socket file tmux leaves behind; a socket with no server behind it is removed all the same.
 */
export async function killTmuxServer(socket: string): Promise<void> {
  const env = { TMUX: undefined, TMUX_PANE: undefined };
  const path = await execa('tmux', ['-L', socket, 'display-message', '-p', '#{socket_path}'], {
    reject: false,
    env,
  });
  await execa('tmux', ['-L', socket, 'kill-server'], { reject: false, env });
  // display-message fails when no server runs: the file is then where tmux would have put it
  const uid = process.getuid?.() ?? 0;
  rmSync(path.stdout.trim() || join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${uid}`, socket), {
    force: true,
  });
}
