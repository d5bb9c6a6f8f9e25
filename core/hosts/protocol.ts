// The controller ↔ node protocol: one JSON object per line over the SSH channel's stdin and stdout.
import { createHash } from 'node:crypto';
import type { PaneInfo, RawCapture, StartSpec, TmuxVersion } from '../tmux/types.js';

/** Bumped when a request or reply changes shape; a controller and a node speak only the same number. */
export const PROTOCOL = 1;

/** The node's own tmux operations the controller may ask for (never a raw tmux command). */
export interface NodeTmuxCalls {
  version: { args: []; value: TmuxVersion };
  serverRunning: { args: []; value: boolean };
  hasSession: { args: [session: string]; value: boolean };
  listPanes: { args: [session?: string]; value: PaneInfo[] };
  createPane: {
    args: [spec: { session: string; window: string; cwd: string; cols: number; rows: number }];
    value: string;
  };
  resolveTarget: { args: [target: string]; value: string | undefined };
  start: { args: [paneId: string, spec: StartSpec]; value: null };
  capture: { args: [paneIds: string[]]; value: [string, RawCapture][] };
  unpipe: { args: [paneId: string]; value: null };
  killPane: { args: [paneId: string]; value: null };
  killServer: { args: []; value: null };
}
export type NodeTmuxMethod = keyof NodeTmuxCalls;
export const NODE_TMUX_METHODS: readonly NodeTmuxMethod[] = [
  'version',
  'serverRunning',
  'hasSession',
  'listPanes',
  'createPane',
  'resolveTarget',
  'start',
  'capture',
  'unpipe',
  'killPane',
  'killServer',
];

/** One line of the node's journal, as replayed to the controller. */
export interface NodeEvent {
  readonly seq: number;
  readonly t: string;
  /** `node-start`, `link-down`, `intent`, `sent`, `refused` */
  readonly event: string;
  readonly req?: string;
  readonly paneId?: string;
  readonly detail: string;
}

/** A chunk of a pane log, from `offset`, gzip-compressed and base64-encoded. */
export interface LogChunk {
  readonly key: string;
  readonly offset: number;
  readonly data: string;
  /** the file's size on the node when read (more to come when larger than offset + the chunk) */
  readonly size: number;
}

/** What the controller asks. `id` is unique per controller process: a request sent again after a reconnect keeps it. */
export type NodeRequest = { readonly id: string } & (
  | { readonly op: 'hello'; readonly protocol: number; readonly version: string }
  | { readonly op: 'tmux'; readonly method: NodeTmuxMethod; readonly args: readonly unknown[] }
  /** pipe-pane into `<stateDir>/nights/<key>` (key: `<night>/logs/<agent>.log`) */
  | { readonly op: 'pipe'; readonly paneId: string; readonly key: string }
  /** keys (names) or text, sent only when a re-capture still hashes to `expect` */
  | {
      readonly op: 'send';
      readonly paneId: string;
      readonly keys?: readonly string[];
      readonly text?: string;
      readonly expect: string;
    }
  | { readonly op: 'logs'; readonly want: readonly { key: string; offset: number }[] }
  | { readonly op: 'events'; readonly after: number }
  | { readonly op: 'ack'; readonly seq: number }
  | { readonly op: 'ping' }
);

/** A request without its id (the link numbers it). */
export type NodeRequestBody = NodeRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'id'>
    : never
  : never;

/** What the node answers: the value, or an error with a stable code. */
export type NodeReply =
  | { readonly id: string; readonly ok: true; readonly value: unknown }
  | { readonly id: string; readonly ok: false; readonly code: string; readonly message: string };

/** The node's answer to `hello`. */
export interface NodeHello {
  readonly protocol: number;
  readonly version: string;
  readonly pid: number;
  readonly stateDir: string;
  /** the node journal's last sequence number */
  readonly seq: number;
}

/** The node's answer to `ping`. */
export interface NodePing {
  readonly t: string;
  readonly seq: number;
}

/** What both sides compare before a key goes out: the screen's rows and its mode flags (not the cursor). */
export function screenHash(capture: RawCapture): string {
  return createHash('sha1')
    .update(JSON.stringify([capture.lines, capture.inMode, capture.dead, capture.alternateOn]))
    .digest('hex');
}

/** A pane log's key on the node, from the controller's path: `<night>/logs/<agent>.log`. */
export function logKey(file: string): string {
  return file.split(/[\\/]/).slice(-3).join('/');
}

/** True when `key` is a log key the node may write (nothing outside `<stateDir>/nights`). */
export function validLogKey(key: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\/logs\/[A-Za-z0-9][\w.-]*\.log$/.test(key);
}
