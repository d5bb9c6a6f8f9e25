// The OpenAI Responses API as the Codex CLI talks to it: POST /v1/responses with SSE streaming, assistant messages
// and function calls, the conversation scripted turn by turn, side requests (the thread title, asked without tools)
// answered briefly, GET /v1/models, and the service's error shapes (usage limit with reset, rate limit, quota,
// invalid key, 5xx).
import type { ServerResponse } from 'node:http';
import { toolInput, type ApiError, type ModelScript, type Turn } from '../script.js';
import type { ApiHandler } from './server.js';

/** One item of a Responses request's `input`. */
export interface InputItem {
  readonly type?: string;
  readonly role?: string;
  readonly call_id?: string;
  readonly output?: unknown;
  readonly content?: readonly { type?: string; text?: string }[] | string;
}

/** The parts of a Responses request body the fake reads. */
export interface ResponsesBody {
  readonly model?: string;
  readonly input?: readonly InputItem[];
  readonly tools?: readonly { type?: string; name?: string }[];
  readonly text?: { format?: { type?: string } };
}

let ids = 0;
const nextId = (prefix: string) => `${prefix}_bench${String(++ids).padStart(6, '0')}`;

/** A request without tools is a side request (Codex asks for a thread title that way). */
export const isSideRequest = (body: ResponsesBody) => (body.tools ?? []).length === 0;

/** Model turns already in a request's history (one per function call, or per reply that ended a turn). */
export function turnIndex(body: ResponsesBody): number {
  const items = body.input ?? [];
  return items.filter((item, i) => {
    if (item.type === 'function_call' || item.type === 'custom_tool_call') return true;
    const next = items[i + 1]?.type;
    return (
      item.type === 'message' &&
      item.role === 'assistant' &&
      next !== 'function_call' &&
      next !== 'custom_tool_call'
    );
  }).length;
}

/** The tool outputs a request carries after its last model turn, and the user texts that are not Codex's context. */
export function lastInput(body: ResponsesBody): { outputs: string[]; texts: string[] } {
  const items = body.input ?? [];
  let start = 0;
  items.forEach((item, i) => {
    if (
      item.type === 'function_call' ||
      item.type === 'custom_tool_call' ||
      (item.type === 'message' && item.role === 'assistant')
    )
      start = i + 1;
  });
  const outputs: string[] = [];
  const texts: string[] = [];
  for (const item of items.slice(start)) {
    if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output')
      outputs.push(typeof item.output === 'string' ? item.output : JSON.stringify(item.output));
    else if (item.type === 'message' && item.role === 'user') {
      const text =
        typeof item.content === 'string'
          ? item.content
          : (item.content ?? []).map((c) => c.text ?? '').join('');
      if (!text.startsWith('<')) texts.push(text);
    }
  }
  return { outputs, texts };
}

/** Per user message of the input, its text parts (Codex's `<…>` context items left out). */
export function userTurns(body: ResponsesBody): string[][] {
  return (body.input ?? [])
    .filter((item) => item.type === 'message' && item.role === 'user')
    .map((item) =>
      (typeof item.content === 'string'
        ? [item.content]
        : (item.content ?? []).map((c) => c.text ?? '')
      ).filter((text) => text !== '' && !text.startsWith('<')),
    )
    .filter((texts) => texts.length > 0);
}

/** The handler for `startFakeApi`: `script.turns[n]` answers the request with n model turns in its history. */
export function responsesHandler(script: ModelScript): ApiHandler {
  return (request, response) => {
    if (request.method === 'GET' && request.path.endsWith('/models')) {
      json(response, 200, {
        object: 'list',
        data: [{ id: 'gpt-fake', object: 'model', created: 0, owned_by: 'bench' }],
        models: [],
      });
      return true;
    }
    if (request.method !== 'POST' || !request.path.endsWith('/responses')) return false;
    const body = (request.body ?? {}) as ResponsesBody;
    if (isSideRequest(body)) {
      request.kind = 'side';
      const text =
        body.text?.format?.type === 'json_schema' ? JSON.stringify({ title: 'Bench task' }) : 'Bench task';
      stream(response, [message(text)]);
      return true;
    }
    request.kind = 'main';
    const index = turnIndex(body);
    request.turn = index;
    request.userTurns = userTurns(body);
    const turn: Turn = script.turns[index] ?? script.after ?? { kind: 'text', text: 'Done.' };
    if (turn.kind === 'error') sendError(response, turn.error);
    else if (turn.kind === 'text') stream(response, [message(turn.text)]);
    else
      stream(response, [
        ...(turn.text ? [message(turn.text)] : []),
        {
          type: 'function_call',
          id: nextId('fc'),
          call_id: nextId('call'),
          name: turn.name,
          arguments: JSON.stringify(toolInput(turn, JSON.stringify(body))),
          status: 'completed',
        },
      ]);
    return true;
  };
}

function message(text: string): Record<string, unknown> {
  return {
    type: 'message',
    id: nextId('msg'),
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

const usage = {
  input_tokens: 1200,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 40,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 1240,
};

function stream(response: ServerResponse, items: Record<string, unknown>[]): void {
  const id = nextId('resp');
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-request-id': nextId('req'),
  });
  const event = (type: string, data: Record<string, unknown>) =>
    response.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  event('response.created', { response: { id, status: 'in_progress' } });
  items.forEach((item, index) => {
    event('response.output_item.added', { output_index: index, item });
    if (item.type === 'message') {
      const text = (item.content as { text: string }[])[0]!.text;
      event('response.output_text.delta', {
        item_id: item.id,
        output_index: index,
        content_index: 0,
        delta: text,
      });
    }
    event('response.output_item.done', { output_index: index, item });
  });
  event('response.completed', { response: { id, status: 'completed', output: items, usage } });
  response.end();
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, {
    'content-type': 'application/json',
    'x-request-id': nextId('req'),
    ...headers,
  });
  response.end(JSON.stringify(body));
}

/** The rate-limit window headers Codex reads (primary: the 5-hour window, secondary: the weekly one). */
function limitHeaders(resetsAt: Date, weekly: boolean): Record<string, string> {
  const epoch = Math.floor(resetsAt.getTime() / 1000);
  const after = String(Math.max(0, epoch - Math.floor(Date.now() / 1000)));
  const window = (name: string, minutes: number, used: number, reset: number) => ({
    [`x-codex-${name}-used-percent`]: String(used),
    [`x-codex-${name}-window-minutes`]: String(minutes),
    [`x-codex-${name}-reset-after-seconds`]: String(Math.max(0, reset - Math.floor(Date.now() / 1000))),
    [`x-codex-${name}-reset-at`]: String(reset),
  });
  return {
    ...window('primary', 300, weekly ? 40 : 100, weekly ? epoch - 3600 : epoch),
    ...window('secondary', 10080, weekly ? 100 : 40, weekly ? epoch : epoch + 86_400),
    'x-codex-active-limit': weekly ? 'secondary' : 'primary',
    'retry-after': after,
  };
}

/** The real service's answer to a refused request. */
function sendError(response: ServerResponse, error: ApiError): void {
  switch (error.type) {
    case 'plan-limit': {
      const epoch = Math.floor(error.resetsAt.getTime() / 1000);
      return json(
        response,
        429,
        {
          error: {
            type: 'usage_limit_reached',
            message: 'The usage limit has been reached',
            plan_type: 'plus',
            resets_at: epoch,
            resets_in_seconds: Math.max(0, epoch - Math.floor(Date.now() / 1000)),
          },
        },
        limitHeaders(error.resetsAt, error.window === 'weekly'),
      );
    }
    case 'rate-limit':
      return json(
        response,
        429,
        {
          error: {
            message: `Rate limit reached for gpt-fake in organization org-bench on tokens per min (TPM): Limit 30000, Used 30000, Requested 1240. Please try again in ${error.retryAfter}s.`,
            type: 'tokens',
            param: null,
            code: 'rate_limit_exceeded',
          },
        },
        { 'retry-after': String(error.retryAfter), 'x-ratelimit-remaining-tokens': '0' },
      );
    case 'credit':
      return json(response, 429, {
        error: {
          message:
            'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
          type: 'insufficient_quota',
          param: null,
          code: 'insufficient_quota',
        },
      });
    case 'invalid-key':
      return json(response, 401, {
        error: {
          message:
            'Incorrect API key provided: sk-bench************************key0. You can find your API key at https://platform.openai.com/account/api-keys.',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
    case 'server':
      return json(response, error.status, {
        error: {
          message: 'The server had an error while processing your request. Sorry about that!',
          type: 'server_error',
          param: null,
          code: null,
        },
      });
  }
}
