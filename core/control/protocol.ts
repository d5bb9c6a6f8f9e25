// The control endpoint's wire protocol: one JSON object per line each way, a request answered by one reply.
// This file imports nothing, so the hook client (started by an agent for every tool call) stays small.

/** The protocol version every request and reply carries. */
export const CONTROL_VERSION = 1;

/** One request: the night's secret, a route name and that route's body. */
export interface ControlRequest {
  readonly v: typeof CONTROL_VERSION;
  /** echoed in the reply, so a client can match replies on a connection it reuses */
  readonly id?: string;
  readonly secret: string;
  /** the route: `hook`, `answer`, `status`, … */
  readonly type: string;
  readonly body?: unknown;
}

/** Why a request got no result. The client adds the last three; the server sends the others. */
export type ControlErrorCode =
  | 'BAD_JSON'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'UNKNOWN_TYPE'
  | 'TOO_LARGE'
  | 'TIMEOUT'
  | 'HANDLER_FAILED'
  | 'BUSY'
  | 'SHUTTING_DOWN'
  // client side: nothing listens, no (whole) answer in time, or the answer is not a reply
  | 'UNREACHABLE'
  | 'NO_ANSWER'
  | 'GARBAGE';

/** A failure as data: a stable code and a sentence that says what went wrong. */
export interface ControlError {
  readonly code: ControlErrorCode;
  readonly message: string;
}

/** The reply to one request. */
export type ControlReply =
  | { readonly v: typeof CONTROL_VERSION; readonly id?: string; readonly ok: true; readonly result: unknown }
  | {
      readonly v: typeof CONTROL_VERSION;
      readonly id?: string;
      readonly ok: false;
      readonly error: ControlError;
    };

/** Where a night's endpoint listens and the secret it wants: the content of `<stateDir>/control.json`. */
export interface ControlEndpoint {
  readonly socket: string;
  readonly secret: string;
  /** the runner's process id, for messages */
  readonly pid?: number;
}

/** The largest request line the server reads (hook payloads carry whole file contents for edits). */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** Reads a reply line; anything that is not a well-formed reply is GARBAGE (never a result). */
export function parseReply(line: string): ControlReply {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return failure('GARBAGE', 'the runner answered something that is not JSON');
  }
  if (typeof value !== 'object' || value === null) return failure('GARBAGE', 'the reply is not an object');
  const reply = value as Record<string, unknown>;
  if (reply.v !== CONTROL_VERSION)
    return failure('GARBAGE', `the reply has protocol version ${String(reply.v)}`);
  if (reply.ok === true && 'result' in reply) return reply as ControlReply;
  if (reply.ok === false && isError(reply.error)) return reply as ControlReply;
  return failure('GARBAGE', 'the reply is neither a result nor an error');
}

/** A failed reply made on this side. */
export function failure(code: ControlErrorCode, message: string, id?: string): ControlReply {
  return { v: CONTROL_VERSION, ...(id === undefined ? {} : { id }), ok: false, error: { code, message } };
}

function isError(value: unknown): value is ControlError {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return typeof e.code === 'string' && typeof e.message === 'string';
}
