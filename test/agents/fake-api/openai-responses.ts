// A scripted OpenAI Responses API (SSE streaming, function calls) for the Codex CLI, recording what it receives.
import type { ServerResponse } from 'node:http';
import {
  openSse,
  sendJson,
  startRecordingServer,
  type RecordedRequest,
  type RecordingServer,
} from './recording-server.js';

/** An HTTP failure in the shape the OpenAI API sends it. */
export interface ApiFailure {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** One model turn: what the fake answers to the next `POST …/responses`. */
export type ResponsesTurn =
  /** a plain assistant message */
  | { readonly say: string }
  /** a call of the shell tool Codex offered, asking to run `run` (with `reason` as the justification) */
  | { readonly run: string; readonly reason?: string; readonly escalate?: boolean }
  /** an edit in Codex's `*** Begin Patch` format, sent as Codex's models do: `apply_patch` through the shell tool */
  | { readonly patch: string; readonly reason?: string }
  /** an HTTP error instead of a stream */
  | { readonly fail: ApiFailure };

/** What the model API received, by kind. */
export interface ResponsesFake extends RecordingServer {
  /** the base URL to put in Codex's model provider (`…/v1`) */
  readonly baseUrl: string;
  /** every `POST …/responses` body, oldest first */
  responseRequests(): readonly ResponsesBody[];
  /** the outputs Codex sent back for tool calls, by call id, first seen order */
  toolOutputs(): readonly { callId: string; output: string }[];
  /** the text of every user message Codex sent, first seen order, without Codex's own context blocks */
  userTurns(): readonly string[];
  /** adds turns to the end of the script */
  push(...turns: ResponsesTurn[]): void;
  /** how many scripted turns were served */
  readonly served: number;
}

/** The parts of a Responses request body the fake reads. */
export interface ResponsesBody {
  readonly model?: string;
  readonly text?: { format?: { type?: string } };
  readonly input?: readonly InputItem[];
  readonly tools?: readonly ToolSpec[];
}

interface InputItem {
  readonly type?: string;
  readonly role?: string;
  readonly call_id?: string;
  readonly output?: unknown;
  readonly content?: readonly { type?: string; text?: string }[] | string;
}

interface ToolSpec {
  readonly type?: string;
  readonly name?: string;
  readonly parameters?: { properties?: Record<string, { type?: string | string[] }> };
}

/** Codex's usage-limit 429: body type `usage_limit_reached` with the reset as unix seconds, and the rate-limit headers. */
export function usageLimit(resetsAt: Date, planType = 'plus'): ApiFailure {
  const epoch = Math.floor(resetsAt.getTime() / 1000);
  const inSeconds = Math.max(0, epoch - Math.floor(Date.now() / 1000));
  return {
    status: 429,
    headers: {
      'x-codex-primary-used-percent': '100',
      'x-codex-primary-window-minutes': '300',
      'x-codex-primary-reset-after-seconds': String(inSeconds),
      'x-codex-primary-reset-at': String(epoch),
      'x-codex-secondary-used-percent': '40',
      'x-codex-secondary-window-minutes': '10080',
      'x-codex-secondary-reset-after-seconds': String(inSeconds + 86_400),
      'x-codex-secondary-reset-at': String(epoch + 86_400),
    },
    body: {
      error: {
        type: 'usage_limit_reached',
        message: 'The usage limit has been reached',
        plan_type: planType,
        resets_at: epoch,
        resets_in_seconds: inSeconds,
      },
    },
  };
}

/** The API's 429 for an account without credit. */
export function insufficientQuota(): ApiFailure {
  return {
    status: 429,
    body: {
      error: {
        message:
          'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    },
  };
}

/** The API's 401 for a wrong key. */
export function invalidKey(): ApiFailure {
  return {
    status: 401,
    body: {
      error: {
        message:
          'Incorrect API key provided: sk-fake************************key0. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    },
  };
}

/** A server error. */
export function serverError(status = 500): ApiFailure {
  return {
    status,
    body: {
      error: { message: 'The server had an error while processing your request.', type: 'server_error' },
    },
  };
}

const SHELL_TOOLS = ['shell', 'shell_command', 'exec_command', 'local_shell', 'container.exec'];

/** The tool Codex offered for shell commands, and how to fill its arguments. */
function shellCall(tools: readonly ToolSpec[], turn: { run: string; reason?: string; escalate?: boolean }) {
  const tool =
    tools.find((t) => t.name && SHELL_TOOLS.includes(t.name)) ??
    tools.find((t) => /shell|exec/.test(t.name ?? ''));
  const name = tool?.name ?? 'shell';
  const props = tool?.parameters?.properties ?? { command: { type: 'array' } };
  const args: Record<string, unknown> = {};
  if ('cmd' in props) args.cmd = turn.run;
  else if (props.command?.type === 'string') args.command = turn.run;
  else args.command = ['bash', '-lc', turn.run];
  if ('justification' in props && turn.reason) args.justification = turn.reason;
  if (turn.escalate !== false) {
    if ('sandbox_permissions' in props) args.sandbox_permissions = 'require_escalated';
    else if ('with_escalated_permissions' in props) args.with_escalated_permissions = true;
  }
  return { name, args };
}

const usage = {
  input_tokens: 1200,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 40,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 1240,
};

function stream(res: ServerResponse, id: string, items: Record<string, unknown>[]): void {
  const sse = openSse(res);
  sse.send({ type: 'response.created', response: { id, status: 'in_progress' } }, 'response.created');
  items.forEach((item, index) => {
    sse.send({ type: 'response.output_item.added', output_index: index, item }, 'response.output_item.added');
    if (item.type === 'message') {
      const text = (item.content as { text: string }[])[0]!.text;
      sse.send(
        {
          type: 'response.output_text.delta',
          item_id: item.id,
          output_index: index,
          content_index: 0,
          delta: text,
        },
        'response.output_text.delta',
      );
    }
    sse.send({ type: 'response.output_item.done', output_index: index, item }, 'response.output_item.done');
  });
  sse.send(
    { type: 'response.completed', response: { id, status: 'completed', output: items, usage } },
    'response.completed',
  );
  sse.end();
}

function message(id: string, text: string) {
  return {
    type: 'message',
    id,
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

/** A request without tools is one of Codex's side requests (the thread title), not a model turn of the task. */
function isSideRequest(body: ResponsesBody): boolean {
  return (body.tools ?? []).length === 0;
}

function textOf(content: InputItem['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((c) => c.text ?? '').join('');
}

/**
 * Starts the fake. Each `POST …/responses` serves the next turn of `script`; once the script is spent it says "Done.".
 * `GET …/models` lists one model. Everything is recorded.
 */
export async function startResponsesFake(
  script: readonly ResponsesTurn[],
  model = 'gpt-fake',
): Promise<ResponsesFake> {
  const turns = [...script];
  let served = 0;
  let ids = 0;
  const server = await startRecordingServer((request: RecordedRequest, res) => {
    const path = request.url.split('?')[0]!;
    if (request.method === 'GET' && path.endsWith('/models')) {
      sendJson(res, 200, {
        object: 'list',
        data: [{ id: model, object: 'model', created: 0, owned_by: 'fake' }],
        models: [],
      });
      return;
    }
    if (request.method !== 'POST' || !path.endsWith('/responses')) {
      sendJson(res, 404, { error: { message: `the fake Responses API has no ${request.method} ${path}` } });
      return;
    }
    const body = (request.body ?? {}) as ResponsesBody;
    if (isSideRequest(body)) {
      // Codex asks for a thread title (a JSON schema answer) without tools: answered, never scripted
      const text =
        body.text?.format?.type === 'json_schema'
          ? JSON.stringify({ title: 'Scripted task' })
          : 'Scripted task';
      stream(res, `resp_side_${++ids}`, [message(`msg_side_${ids}`, text)]);
      return;
    }
    const turn = turns.shift() ?? { say: 'Done.' };
    served++;
    const id = `resp_${++ids}`;
    if ('fail' in turn) {
      sendJson(res, turn.fail.status, turn.fail.body, turn.fail.headers);
      return;
    }
    if ('say' in turn) {
      stream(res, id, [message(`msg_${ids}`, turn.say)]);
      return;
    }
    const callId = `call_${ids}`;
    if ('run' in turn) {
      const { name, args } = shellCall(body.tools ?? [], turn);
      stream(res, id, [
        {
          type: 'function_call',
          id: `fc_${ids}`,
          call_id: callId,
          name,
          arguments: JSON.stringify(args),
          status: 'completed',
        },
      ]);
      return;
    }
    const { name, args } = shellCall(body.tools ?? [], {
      run: `apply_patch <<'PATCH'\n${turn.patch.trimEnd()}\nPATCH`,
      reason: turn.reason,
      escalate: false,
    });
    stream(res, id, [
      {
        type: 'function_call',
        id: `fc_${ids}`,
        call_id: callId,
        name,
        arguments: JSON.stringify(args),
        status: 'completed',
      },
    ]);
  });
  const responseRequests = () =>
    server.requests
      .filter((r) => r.method === 'POST' && r.url.split('?')[0]!.endsWith('/responses'))
      .map((r) => (r.body ?? {}) as ResponsesBody)
      .filter((body) => !isSideRequest(body));
  return {
    ...server,
    get requests() {
      return server.requests;
    },
    baseUrl: `${server.origin}/v1`,
    get served() {
      return served;
    },
    responseRequests,
    toolOutputs() {
      const seen = new Map<string, string>();
      for (const body of responseRequests())
        for (const item of body.input ?? [])
          if (
            (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') &&
            item.call_id &&
            !seen.has(item.call_id)
          )
            seen.set(
              item.call_id,
              typeof item.output === 'string' ? item.output : JSON.stringify(item.output),
            );
      return [...seen].map(([callId, output]) => ({ callId, output }));
    },
    userTurns() {
      const seen: string[] = [];
      for (const body of responseRequests()) {
        const users = (body.input ?? [])
          .filter((i) => i.type === 'message' && i.role === 'user')
          .map((i) => textOf(i.content));
        for (const text of users)
          if (!text.startsWith('<') && !text.startsWith('#') && !seen.includes(text)) seen.push(text);
      }
      return seen;
    },
    push(...more) {
      turns.push(...more);
    },
  };
}
