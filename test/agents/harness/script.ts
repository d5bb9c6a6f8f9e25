// What a scenario scripts the model to do, turn by turn, in words every fake model API can render.

/** A tool call's arguments, or a function of the request's text (for paths the agent names in its prompt). */
export type ToolInput = Record<string, unknown> | ((request: string) => Record<string, unknown>);

/** One tool call the model makes: the tool's name in the agent's own API and its arguments. */
export interface ToolCall {
  readonly kind: 'tool';
  readonly name: string;
  readonly input: ToolInput;
}

/** The arguments of a tool call made in answer to `request` (its JSON text). */
export const toolInput = (call: ToolCall, request: string): Record<string, unknown> =>
  typeof call.input === 'function' ? call.input(request) : call.input;

/** The model answers in prose and ends its turn. */
export interface TextReply {
  readonly kind: 'text';
  readonly text: string;
}

/** The API refuses the request the way the real service does. */
export interface ErrorReply {
  readonly kind: 'error';
  readonly error: ApiError;
}

/** The error shapes every fake API renders in its own service's form. */
export type ApiError =
  /** a pay-as-you-go rate limit (429), retry-after in seconds */
  | { readonly type: 'rate-limit'; readonly retryAfter: number }
  /** a subscriber's plan limit (429 with the plan's limit headers), resetting at `resetsAt` */
  | { readonly type: 'plan-limit'; readonly window: 'session' | 'weekly'; readonly resetsAt: Date }
  /** prepaid credit used up */
  | { readonly type: 'credit' }
  /** the key or token is not valid */
  | { readonly type: 'invalid-key' }
  /** the service failed (500, 529…) */
  | { readonly type: 'server'; readonly status: number };

/** One model turn: a reply, optionally with prose before a tool call. */
export type Turn = (ToolCall & { readonly text?: string }) | TextReply | ErrorReply;

/** A scenario's model script: `turns[n]` answers the request made after n model turns of the conversation. */
export interface ModelScript {
  readonly turns: readonly Turn[];
  /** the reply once the script has run out; default: a short "Done." */
  readonly after?: Turn;
}

/** A tool call. */
export const tool = (name: string, input: ToolInput, text?: string): Turn => ({
  kind: 'tool',
  name,
  input,
  ...(text ? { text } : {}),
});

/** A prose reply that ends the turn. */
export const say = (text: string): Turn => ({ kind: 'text', text });

/** An API error. */
export const fail = (error: ApiError): Turn => ({ kind: 'error', error });
