// Runs real programs in tmux on a private socket, logs their panes with pipe-pane, and captures
// what tmux itself shows, so transcripts can be compared with tmux's own view of the same pane.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { execa } from 'execa';

/** A private tmux server; `kill()` must run in teardown. */
export interface TmuxServer {
  readonly socket: string;
  tmux(...args: string[]): Promise<string>;
  kill(): Promise<void>;
}

/** Starts a tmux server on a private socket with no user config. */
export async function startTmux(): Promise<TmuxServer> {
  const socket = `ns-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmux = async (...args: string[]) =>
    (await execa('tmux', ['-L', socket, '-f', '/dev/null', ...args])).stdout;
  await tmux('start-server', ';', 'set', '-g', 'exit-empty', 'off');
  const socketPath = (await tmux('display-message', '-p', '#{socket_path}')).trim();
  return {
    socket,
    tmux,
    kill: async () => {
      await execa('tmux', ['-L', socket, 'kill-server'], { reject: false });
      rmSync(socketPath, { force: true }); // tmux leaves its socket file behind
    },
  };
}

/** A pane running `command` whose output goes to `log` from its first byte (the command waits for the pipe). */
export async function startLoggedPane(
  server: TmuxServer,
  options: { name: string; command: string; cols: number; rows: number; log: string },
): Promise<string> {
  const channel = `go-${options.name}`;
  const gated = `tmux wait-for ${channel}; ${options.command}`;
  await server.tmux(
    'new-session',
    '-d',
    '-s',
    options.name,
    '-x',
    String(options.cols),
    '-y',
    String(options.rows),
    gated,
  );
  await server.tmux('set', '-t', options.name, 'history-limit', '100000');
  const pane = (await server.tmux('display', '-p', '-t', options.name, '#{pane_id}')).trim();
  await server.tmux('pipe-pane', '-t', pane, `cat >> '${options.log}'`);
  await server.tmux('wait-for', '-S', channel);
  return pane;
}

/** Waits until the log contains `text` (the program's own end marker). */
export async function waitForLog(log: string, text: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(log) && readFileSync(log, 'utf8').includes(text)) {
      await new Promise((r) => setTimeout(r, 150));
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${JSON.stringify(text)} in ${log}`);
}

/** Waits until the pane's screen shows `text`. */
export async function waitForScreen(
  server: TmuxServer,
  pane: string,
  text: string,
  timeoutMs = 15_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await server.tmux('capture-pane', '-p', '-t', pane)).includes(text)) {
      await new Promise((r) => setTimeout(r, 150));
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${JSON.stringify(text)} on ${pane}`);
}

/** tmux's view of the pane: the visible screen, and history plus screen with wrapped lines joined. */
export async function capture(
  server: TmuxServer,
  pane: string,
): Promise<{ screen: string[]; all: string[] }> {
  const screen = (await server.tmux('capture-pane', '-p', '-t', pane)).split('\n');
  const all = (await server.tmux('capture-pane', '-p', '-J', '-S', '-', '-E', '-', '-t', pane))
    .split('\n')
    .map((l) => l.trimEnd());
  return { screen: screen.map((l) => l.trimEnd()), all };
}
