// A scripted Gemini API (streamGenerateContent?alt=sse with functionCall parts) for the Gemini CLI, recording what it receives.
import type { ServerResponse } from 'node:http';
import {
  openSse,
  sendJson,
  startRecordingServer,
  type RecordedRequest,
  type RecordingServer,
} from './recording-server.js';
import type { ApiFailure } from './openai-responses.js';

export type { ApiFailure } from './openai-responses.js';

/** One model turn: what the fake answers to the next main `streamGenerateContent` request. */
export type GeminiTurn =
  /** model text */
  | { readonly say: string }
  /** a `run_shell_command` call */
  | { readonly run: string; readonly description?: string }
  /** a `write_file` call (path relative to the project, or absolute) */
  | { readonly write: string; readonly content: string }
  /** a `replace` call */
  | { readonly replace: string; readonly old: string; readonly new: string }
  /** any other tool call, by its declared name */
  | { readonly call: string; readonly args: Record<string, unknown> }
  /** an HTTP error instead of a stream */
  | { readonly fail: ApiFailure };

interface Part {
  readonly text?: string;
  readonly functionCall?: { name: string; args?: unknown };
  readonly functionResponse?: { name: string; response?: unknown };
}

interface Content {
  readonly role?: string;
  readonly parts?: readonly Part[];
}

/** The parts of a generateContent body the fake reads. */
export interface GeminiBody {
  readonly contents?: readonly Content[];
  readonly tools?: readonly { functionDeclarations?: readonly { name: string; parameters?: unknown; parametersJsonSchema?: unknown }[] }[];
  readonly generationConfig?: { responseMimeType?: string; responseSchema?: unknown; responseJsonSchema?: unknown };
}

/** A running fake Gemini API and what it received. */
export interface GeminiFake extends RecordingServer {
  /** every main (tool-carrying) streaming request body, oldest first */
  mainRequests(): readonly GeminiBody[];
  /** the function responses the CLI sent back, first seen order */
  toolOutputs(): readonly { name: string; response: unknown }[];
  /** the person's prompts the CLI sent, first seen order */
  userTurns(): readonly string[];
  /** adds turns to the end of the script */
  push(...turns: GeminiTurn[]): void;
  readonly served: number;
}

const help = {
  '@type': 'type.googleapis.com/google.rpc.Help',
  links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
};

/** A 429 RESOURCE_EXHAUSTED for a per-day quota (the CLI's terminal "usage limit" case, no reset time). */
export function dailyQuota(model = 'gemini-2.5-pro'): ApiFailure {
  return quota('GenerateRequestsPerDayPerProjectPerModel-FreeTier', model, '46800s');
}

/** A 429 RESOURCE_EXHAUSTED whose retry delay is long but not a daily quota (the CLI shows when access resets). */
export function longRetryQuota(retrySeconds: number, model = 'gemini-2.5-pro'): ApiFailure {
  return quota('GenerateRequestsPerHourPerProjectPerModel', model, `${retrySeconds}s`);
}

function quota(quotaId: string, model: string, retryDelay: string): ApiFailure {
  return {
    status: 429,
    body: {
      error: {
        code: 429,
        message: `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. Please retry in ${retryDelay.replace('s', '')}s.`,
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
                quotaId,
                quotaDimensions: { location: 'global', model },
                quotaValue: '100',
              },
            ],
          },
          help,
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
        ],
      },
    },
  };
}

/** The API's 400 for a key it does not know. */
export function invalidKey(): ApiFailure {
  return {
    status: 400,
    body: {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'generativelanguage.googleapis.com' },
          },
        ],
      },
    },
  };
}

/** A server error (500 INTERNAL, or 503 UNAVAILABLE "overloaded"). */
export function serverError(status: 500 | 503 = 500): ApiFailure {
  return {
    status,
    body: {
      error:
        status === 503
          ? { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' }
          : { code: 500, message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting', status: 'INTERNAL' },
    },
  };
}

const usageMetadata = { promptTokenCount: 1200, candidatesTokenCount: 30, totalTokenCount: 1230 };

function streamParts(res: ServerResponse, parts: Part[], model: string): void {
  const sse = openSse(res);
  sse.send({
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata,
    modelVersion: model,
  });
  sse.end();
}

/** A value that satisfies a JSON schema well enough for the CLI's side questions (next speaker, routing, …). */
function fill(schema: unknown, key = ''): unknown {
  const s = (schema ?? {}) as { type?: string | string[]; enum?: unknown[]; properties?: Record<string, unknown>; items?: unknown; required?: string[] };
  const type = (Array.isArray(s.type) ? s.type[0] : s.type)?.toString().toLowerCase();
  if (s.enum?.length) return key === 'next_speaker' && s.enum.includes('user') ? 'user' : s.enum[0];
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = fill(v, k);
    return out;
  }
  if (type === 'array') return [];
  if (type === 'boolean') return false;
  if (type === 'number' || type === 'integer') return 0;
  if (key === 'next_speaker') return 'user';
  return 'ok';
}

function toolNamed(body: GeminiBody, ...names: string[]): string {
  const declared = (body.tools ?? []).flatMap((t) => t.functionDeclarations ?? []).map((d) => d.name);
  return names.find((n) => declared.includes(n)) ?? names[0]!;
}

function callFor(turn: Exclude<GeminiTurn, { say: string } | { fail: ApiFailure }>, body: GeminiBody): Part {
  if ('run' in turn)
    return {
      functionCall: {
        name: toolNamed(body, 'run_shell_command'),
        args: { command: turn.run, description: turn.description ?? 'Run a command' },
      },
    };
  if ('write' in turn)
    return { functionCall: { name: toolNamed(body, 'write_file'), args: { file_path: turn.write, content: turn.content } } };
  if ('replace' in turn)
    return {
      functionCall: {
        name: toolNamed(body, 'replace'),
        args: { file_path: turn.replace, old_string: turn.old, new_string: turn.new, instruction: 'Apply the edit' },
      },
    };
  return { functionCall: { name: turn.call, args: turn.args } };
}

const hasTools = (body: GeminiBody) => (body.tools ?? []).some((t) => (t.functionDeclarations ?? []).length > 0);

/**
 * Starts the fake. Each streaming request that offers tools serves the next turn of `script` (then "Done.");
 * side requests (JSON questions, countTokens, model lists) are answered without using the script.
 */
export async function startGeminiFake(script: readonly GeminiTurn[], model = 'gemini-2.5-pro'): Promise<GeminiFake> {
  const turns = [...script];
  let served = 0;
  const server = await startRecordingServer((request: RecordedRequest, res) => {
    const path = request.url.split('?')[0]!;
    const body = (request.body ?? {}) as GeminiBody;
    if (request.method === 'GET' && /\/models\/?$/.test(path)) {
      sendJson(res, 200, { models: [{ name: `models/${model}`, displayName: model, supportedGenerationMethods: ['generateContent'] }] });
      return;
    }
    if (path.endsWith(':countTokens')) {
      sendJson(res, 200, { totalTokens: 1200 });
      return;
    }
    const streaming = path.endsWith(':streamGenerateContent');
    if (!streaming && !path.endsWith(':generateContent')) {
      sendJson(res, 404, { error: { code: 404, message: `the fake Gemini API has no ${request.method} ${path}`, status: 'NOT_FOUND' } });
      return;
    }
    if (!streaming || !hasTools(body)) {
      const config = body.generationConfig ?? {};
      const schema = config.responseJsonSchema ?? config.responseSchema;
      const text = config.responseMimeType === 'application/json' ? JSON.stringify(fill(schema)) : 'ok';
      const answer = { candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion: model };
      if (streaming) streamParts(res, [{ text }], model);
      else sendJson(res, 200, answer);
      return;
    }
    const turn = turns.shift() ?? { say: 'Done.' };
    served++;
    if ('fail' in turn) sendJson(res, turn.fail.status, turn.fail.body, turn.fail.headers);
    else if ('say' in turn) streamParts(res, [{ text: turn.say }], model);
    else streamParts(res, [callFor(turn, body)], model);
  });
  const mainRequests = () =>
    server.requests
      .filter((r) => r.url.split('?')[0]!.endsWith(':streamGenerateContent'))
      .map((r) => (r.body ?? {}) as GeminiBody)
      .filter(hasTools);
  return {
    ...server,
    get requests() {
      return server.requests;
    },
    get served() {
      return served;
    },
    mainRequests,
    toolOutputs() {
      const out: { name: string; response: unknown }[] = [];
      const seen = new Set<string>();
      for (const body of mainRequests())
        for (const content of body.contents ?? [])
          for (const part of content.parts ?? [])
            if (part.functionResponse) {
              const key = JSON.stringify(part.functionResponse);
              if (!seen.has(key)) {
                seen.add(key);
                out.push({ name: part.functionResponse.name, response: part.functionResponse.response });
              }
            }
      return out;
    },
    userTurns() {
      const seen: string[] = [];
      for (const body of mainRequests())
        for (const content of body.contents ?? [])
          if (content.role === 'user')
            for (const part of content.parts ?? [])
              if (part.text && !part.text.startsWith('<') && !seen.includes(part.text)) seen.push(part.text);
      return seen;
    },
    push(...more) {
      turns.push(...more);
    },
  };
}
