// The tmux port: everything the rest of nightshift may ask of tmux. core/tmux/ is the only code that runs tmux.

/** How to reach a tmux server. */
export interface TmuxOptions {
  /** `tmux -L <socket>`; omit for the user's default server */
  readonly socket?: string | undefined;
  /** path to the tmux binary (default `tmux` on PATH) */
  readonly bin?: string;
  /** carry commands over one persistent control-mode client (default true); false = one process per command */
  readonly control?: boolean;
  /** per-command timeout in ms (default 5000) */
  readonly timeoutMs?: number;
}

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
  version(): Promise<{ readonly major: number; readonly minor: number; readonly text: string }>;
  /** true when a server answers on this socket */
  serverRunning(): Promise<boolean>;
  /** true when the session exists */
  hasSession(session: string): Promise<boolean>;
  /** every pane of a session (or of the server) */
  listPanes(session?: string): Promise<PaneInfo[]>;
  /**
   * Creates a window (and the session if missing) holding an idle placeholder, with remain-on-exit on,
   * so pipe-pane can be armed before the real command starts. Returns the new pane id.
   */
  createPane(spec: { session: string; window: string; cwd: string; cols: number; rows: number }): Promise<string>;
  /** resolves a target such as `work:1.0` to a pane id, or undefined */
  resolveTarget(target: string): Promise<string | undefined>;
  /** starts (or restarts) a program in the pane, killing whatever runs there (respawn-pane -k) */
  start(paneId: string, spec: StartSpec): Promise<void>;
  /** arms pipe-pane into `file` (appending); replaces a pipe already running */
  pipe(paneId: string, file: string): Promise<void>;
  /** captures several panes in as few round trips as possible; panes that no longer exist are left out */
  capture(paneIds: readonly string[]): Promise<Map<string, RawCapture>>;
  /** types literal text (send-keys -l) */
  sendText(paneId: string, text: string): Promise<void>;
  /** presses key names (send-keys without -l): `Enter`, `Escape`, `Down`, `C-c` */
  sendKeys(paneId: string, keys: readonly string[]): Promise<void>;
  /** kills a pane */
  killPane(paneId: string): Promise<void>;
  /** kills the whole server (tests, demo) */
  killServer(): Promise<void>;
  /** closes the control connection; the server and its panes keep running */
  close(): Promise<void>;
}
