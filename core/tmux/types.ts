// The tmux port: everything the rest of nightshift may ask of tmux. core/tmux/ is the only code that runs tmux.

/** How to reach a tmux server. */
export interface TmuxOptions {
  /** `tmux -L <socket>`; omit for the user's default server */
  readonly socket?: string | undefined;
  /** path to the tmux binary (default `tmux` on PATH) */
  readonly bin?: string;
  /** carry commands over one persistent control-mode client (default true); false = one process per command */
  readonly control?: boolean;
  /** per-command timeout in ms (default 5000): how long tmux may take to answer once a command is its next */
  readonly timeoutMs?: number;
  /** `tmux -f <file>`: the config a server started by nightshift loads (tests use `/dev/null`); default tmux's own */
  readonly configFile?: string;
  /** the shell command pipe-pane runs to append a pane's output to a log file (default: `cat` under `umask 077`) */
  readonly pipeWriter?: (file: string) => string;
}

/** `tmux -V`, parsed. A build without a number (`tmux master`) counts as newest. */
export interface TmuxVersion {
  readonly major: number;
  readonly minor: number;
  /** as printed, e.g. `tmux 3.3a` */
  readonly text: string;
}

/** Which path commands take: one persistent control-mode client, or one `tmux` process per command. */
export type Transport = 'control' | 'process';

/** Something the tmux client noticed on its own, for the runner to journal. */
export type TmuxEvent =
  /** the control-mode client attached to `session`; commands now go over it */
  | { readonly type: 'control-connected'; readonly session: string }
  /** the control-mode client went away (`%exit`, its process ended, or a command timed out); the next command reconnects */
  | { readonly type: 'control-lost'; readonly reason: string }
  /** a server that was answering stopped answering: journal "tmux server lost" */
  | { readonly type: 'server-lost'; readonly detail: string }
  /** `start` found the pane's pipe closed (respawn dropped it, or it had died) and re-armed it before the program ran */
  | { readonly type: 'pipe-rearmed'; readonly paneId: string; readonly file: string };

/** A pane as tmux lists it. */
export interface PaneInfo {
  readonly paneId: string;
  readonly session: string;
  readonly window: string;
  readonly windowIndex: number;
  readonly paneIndex: number;
  readonly pid: number;
  readonly tty: string;
  readonly dead: boolean;
  readonly deadStatus: number | undefined;
  readonly currentCommand: string;
  readonly width: number;
  readonly height: number;
  /** pane_pipe: a pipe-pane is running */
  readonly piped: boolean;
}

/** One pane captured: the raw material of a `Snapshot`. */
export interface RawCapture {
  readonly paneId: string;
  /** screen rows, trailing spaces trimmed; exactly `height` rows */
  readonly lines: string[];
  readonly cursorX: number;
  readonly cursorY: number;
  readonly cursorVisible: boolean;
  readonly width: number;
  readonly height: number;
  readonly dead: boolean;
  readonly deadStatus: number | undefined;
  readonly inMode: boolean;
  readonly alternateOn: boolean;
  readonly currentCommand: string;
  readonly pid: number;
  readonly tty: string;
  readonly piped: boolean;
}

/** How to start a program in a pane. */
export interface StartSpec {
  /** shell command line, run by the pane's default shell */
  readonly command: string;
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** The tmux client used by the runner. All methods reject with a NightshiftError (TMUX_FAILED / TMUX_TIMEOUT) on failure. */
export interface Tmux {
  /** the socket name this client talks to (undefined = default server) */
  readonly socket: string | undefined;
  /** `tmux -V` parsed; rejects with TMUX_MISSING when tmux is not installed */
  version(): Promise<TmuxVersion>;
  /** true when a server answers on this socket */
  serverRunning(): Promise<boolean>;
  /** true when the session exists */
  hasSession(session: string): Promise<boolean>;
  /** every pane of a session (or of the server); empty when there is no such session or no server */
  listPanes(session?: string): Promise<PaneInfo[]>;
  /**
   * Creates a window (and the session if missing) holding an idle placeholder, with remain-on-exit on,
   * so pipe-pane can be armed before the real command starts. Returns the new pane id.
   */
  createPane(spec: {
    session: string;
    window: string;
    cwd: string;
    cols: number;
    rows: number;
  }): Promise<string>;
  /** resolves a target such as `work:1.0` to a pane id, or undefined. tmux matches names by prefix: `=work:=builder` is exact. */
  resolveTarget(target: string): Promise<string | undefined>;
  /**
   * Starts (or restarts) a program in the pane, killing whatever runs there (respawn-pane -k). When the pane has a pipe
   * (see `pipe`), a guard in the pane re-arms it if it is closed before the program runs, so the log holds the
   * program's output from the first byte (a `pipe-rearmed` event says it had to).
   */
  start(paneId: string, spec: StartSpec): Promise<void>;
  /**
   * Arms pipe-pane into `file` (appending; the directory is created) and checks `#{pane_pipe}`; replaces a pipe already
   * running. On a dead pane (tmux refuses to pipe those) the file is remembered and armed by the next `start`.
   */
  pipe(paneId: string, file: string): Promise<void>;
  /** captures several panes in as few round trips as possible; panes that no longer exist are left out */
  capture(paneIds: readonly string[]): Promise<Map<string, RawCapture>>;
  /** types literal text (send-keys -l) */
  sendText(paneId: string, text: string): Promise<void>;
  /** presses key names (send-keys without -l): `Enter`, `Escape`, `Down`, `C-c` */
  sendKeys(paneId: string, keys: readonly string[]): Promise<void>;
  /** closes the pane's pipe (its writer finishes and exits); the pane keeps running */
  unpipe(paneId: string): Promise<void>;
  /** kills a pane and every process its program started (TERM, then KILL for what outlives a short grace) */
  killPane(paneId: string): Promise<void>;
  /** kills the whole server (tests, demo) */
  killServer(): Promise<void>;
  /** closes the control connection; the server and its panes keep running (a later command reconnects) */
  close(): Promise<void>;
}

/** What `createTmux` returns: the `Tmux` port plus what the composition root, doctor and tests need. */
export interface TmuxClient extends Tmux {
  /** listens to what the client noticed (server lost, control client lost, pipe re-armed); returns the unsubscribe */
  onEvent(listener: (event: TmuxEvent) => void): () => void;
  /** runs one raw tmux command (argv without `tmux`), resolving to its output lines; rejects with TMUX_FAILED */
  command(args: readonly string[]): Promise<string[]>;
  /** the path the next command takes: `control` while a control client is attached */
  transport(): Transport;
}
