// The Anthropic Messages API as Claude Code talks to it: POST /v1/messages with SSE streaming, text and tool_use
// blocks, the conversation scripted turn by turn, side requests (titles, summaries) answered briefly, and the
// service's real error shapes (429 with rate-limit or plan-limit headers, credit, invalid key, 5xx).
import type { ServerResponse } from 'node:http';
import { toolInput, type ApiError, type ModelScript, type Turn } from '../script.js';
import type { ApiHandler, Received } from './server.js';

/** How to tell the conversation from side requests, and what to answer a side request. */
export interface AnthropicOptions {
  readonly script: ModelScript;
  /** true for the main conversation's requests (default: the request offers a `Bash` tool) */
  readonly isMain?: (body: MessagesBody) => boolean;
  /** the text answering a side request (default: a short title as JSON) */
  readonly sideReply?: (body: MessagesBody) => string;
}

/** The parts of a Messages request the fake reads. */
export interface MessagesBody {
  readonly model?: string;
  readonly stream?: boolean;
  readonly messages?: readonly { role: string; content: unknown }[];
  readonly tools?: readonly { name?: string }[];
  readonly system?: unknown;
}

let ids = 0;
const nextId = (prefix: string) => `${prefix}_bench${String(++ids).padStart(6, '0')}`;

/** The number of model turns already in a request's history: the script turn that answers it. */
export function turnIndex(body: MessagesBody): number {
  return (body.messages ?? []).filter((m) => m.role === 'assistant').length;
}

/** The tool results and user texts a request carries in its last user message. */
export function lastUserContent(body: MessagesBody): { toolResults: ToolResult[]; texts: string[] } {
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  const blocks = typeof last?.content === 'string' ? [{ type: 'text', text: last.content }] : last?.content;
  const toolResults: ToolResult[] = [];
  const texts: string[] = [];
  for (const block of Array.isArray(blocks) ? (blocks as Record<string, unknown>[]) : []) {
    if (block.type === 'tool_result')
      toolResults.push({
        toolUseId: String(block.tool_use_id),
        isError: block.is_error === true,
        text: flattenText(block.content),
      });
    else if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
  }
  return { toolResults, texts };
}

/**
 * Claude Code's own note in the user turn after a refused or cancelled tool call (`[Request interrupted by user for
 * tool use]`): written by the agent, not typed by anyone.
 */
const INTERRUPTED = /^\[Request interrupted by user[^\]]*\]$/;

/**
 * Per user message of the history, its text parts (tool results, `<…>` context blocks and Claude Code's own
 * interruption notes left out).
 */
export function userTurns(body: MessagesBody): string[][] {
  return (body.messages ?? [])
    .filter((m) => m.role === 'user')
    .map((m) => {
      const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
      return (Array.isArray(blocks) ? (blocks as Record<string, unknown>[]) : []).flatMap((b) =>
        b.type === 'text' &&
        typeof b.text === 'string' &&
        !b.text.startsWith('<') &&
        !INTERRUPTED.test(b.text.trim())
          ? [b.text]
          : [],
      );
    })
    .filter((texts) => texts.length > 0);
}

/** A tool result the agent sent back. */
export interface ToolResult {
  readonly toolUseId: string;
  readonly isError: boolean;
  readonly text: string;
}

function flattenText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((c) => (typeof c?.text === 'string' ? (c.text as string) : '')).join('\n');
  return '';
}

const defaultIsMain = (body: MessagesBody) => (body.tools ?? []).some((t) => t.name === 'Bash');
const defaultSide = () => '{"title": "Bench task", "isNewTopic": false}';

/** The handler for `startFakeApi`. */
export function anthropicHandler(options: AnthropicOptions): ApiHandler {
  const isMain = options.isMain ?? defaultIsMain;
  const sideReply = options.sideReply ?? defaultSide;
  return (request, response) => {
    if (request.method !== 'POST' || !request.path.startsWith('/v1/messages')) return false;
    const body = (request.body ?? {}) as MessagesBody;
    if (request.path.endsWith('/count_tokens')) {
      json(response, 200, { input_tokens: 1000 });
      return true;
    }
    if (!isMain(body)) {
      request.kind = 'side';
      reply(response, body, { kind: 'text', text: sideReply(body) });
      return true;
    }
    request.kind = 'main';
    const index = turnIndex(body);
    request.turn = index;
    request.userTurns = userTurns(body);
    const turn = options.script.turns[index] ?? options.script.after ?? { kind: 'text', text: 'Done.' };
    reply(response, body, turn);
    return true;
  };
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', 'request-id': nextId('req'), ...headers });
  response.end(JSON.stringify(body));
}

function reply(response: ServerResponse, body: MessagesBody, turn: Turn): void {
  if (turn.kind === 'error') return sendError(response, turn.error);
  const blocks: Record<string, unknown>[] = [];
  if (turn.kind === 'text') blocks.push({ type: 'text', text: turn.text });
  else {
    if (turn.text) blocks.push({ type: 'text', text: turn.text });
    blocks.push({
      type: 'tool_use',
      id: nextId('toolu'),
      name: turn.name,
      input: toolInput(turn, JSON.stringify(body)),
    });
  }
  const stopReason = turn.kind === 'tool' ? 'tool_use' : 'end_turn';
  const message = {
    id: nextId('msg'),
    type: 'message',
    role: 'assistant',
    model: body.model ?? 'claude-sonnet-4-5',
    stop_reason: null as string | null,
    stop_sequence: null,
    usage: {
      input_tokens: 1000,
      output_tokens: 1,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    },
  };
  if (!body.stream) {
    json(response, 200, { ...message, content: blocks, stop_reason: stopReason });
    return;
  }
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'request-id': nextId('req'),
  });
  const event = (type: string, data: Record<string, unknown>) =>
    response.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  event('message_start', { message: { ...message, content: [] } });
  blocks.forEach((block, index) => {
    if (block.type === 'text') {
      event('content_block_start', { index, content_block: { type: 'text', text: '' } });
      event('content_block_delta', { index, delta: { type: 'text_delta', text: block.text } });
    } else {
      event('content_block_start', { index, content_block: { ...block, input: {} } });
      event('content_block_delta', {
        index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) },
      });
    }
    event('content_block_stop', { index });
  });
  event('message_delta', {
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: 20 },
  });
  event('message_stop', {});
  response.end();
}

/** The real service's answer to a refused request. */
function sendError(response: ServerResponse, error: ApiError): void {
  const body = (type: string, message: string) => ({ type: 'error', error: { type, message } });
  switch (error.type) {
    case 'rate-limit':
      return json(
        response,
        429,
        body(
          'rate_limit_error',
          'This request would exceed the rate limit for your organization of 50,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.',
        ),
        {
          'retry-after': String(error.retryAfter),
          'anthropic-ratelimit-input-tokens-limit': '50000',
          'anthropic-ratelimit-input-tokens-remaining': '0',
          'anthropic-ratelimit-input-tokens-reset': new Date(
            Date.now() + error.retryAfter * 1000,
          ).toISOString(),
        },
      );
    case 'plan-limit':
      return json(response, 429, body('rate_limit_error', 'Rate limited'), {
        'x-should-retry': 'false',
        'anthropic-ratelimit-unified-status': 'rejected',
        'anthropic-ratelimit-unified-reset': String(Math.floor(error.resetsAt.getTime() / 1000)),
        'anthropic-ratelimit-unified-representative-claim':
          error.window === 'weekly' ? 'seven_day' : 'five_hour',
        'anthropic-ratelimit-unified-fallback': 'unavailable',
        'anthropic-ratelimit-unified-overage-status': 'rejected',
        'anthropic-ratelimit-unified-overage-disabled-reason': 'out_of_credits',
      });
    // `x-should-retry: false` is what ends Claude Code's retries: it reads the header before the status, and
    // retries a 401 ten times (about three minutes of backoff) without it
    case 'credit':
      return json(
        response,
        400,
        body(
          'invalid_request_error',
          'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
        ),
        { 'x-should-retry': 'false' },
      );
    case 'invalid-key':
      return json(response, 401, body('authentication_error', 'invalid x-api-key'), {
        'x-should-retry': 'false',
      });
    case 'server':
      return json(
        response,
        error.status,
        error.status === 529
          ? body('overloaded_error', 'Overloaded')
          : body('api_error', 'Internal server error'),
      );
  }
}

/** The main-conversation requests, in order. */
export const mainRequests = (received: readonly Received[]) => received.filter((r) => r.kind === 'main');
