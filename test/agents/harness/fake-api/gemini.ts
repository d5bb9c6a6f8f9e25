// The Gemini API as the Gemini CLI talks to it: POST /v1beta/models/<model>:streamGenerateContent?alt=sse with text
// and functionCall parts, the conversation scripted turn by turn; side requests (JSON questions such as the next-
// speaker check, non-streaming calls, countTokens, the model list) answered without the script; and the service's
// error shapes (429 RESOURCE_EXHAUSTED with quota details and retry delay, invalid key, 5xx).
import type { ServerResponse } from 'node:http';
import { toolInput, type ApiError, type ModelScript, type Turn } from '../script.js';
import type { ApiHandler } from './server.js';

/** One part of a content. */
export interface Part {
  readonly text?: string;
  readonly functionCall?: { name: string; args?: unknown };
  readonly functionResponse?: { name: string; response?: unknown };
}

/** The parts of a generateContent body the fake reads. */
export interface GeminiBody {
  readonly contents?: readonly { role?: string; parts?: readonly Part[] }[];
  readonly tools?: readonly { functionDeclarations?: readonly { name: string }[] }[];
  readonly generationConfig?: {
    responseMimeType?: string;
    responseSchema?: unknown;
    responseJsonSchema?: unknown;
  };
}

const MODEL = 'gemini-2.5-pro';

const offersTools = (body: GeminiBody) =>
  (body.tools ?? []).some((t) => (t.functionDeclarations ?? []).length > 0);

/** Model turns already in a request's history. */
export const turnIndex = (body: GeminiBody) => (body.contents ?? []).filter((c) => c.role === 'model').length;

/** The function responses and user texts of a request's last user content. */
export function lastUserParts(body: GeminiBody): {
  responses: { name: string; response: unknown }[];
  texts: string[];
} {
  const last = [...(body.contents ?? [])].reverse().find((c) => c.role === 'user');
  const responses: { name: string; response: unknown }[] = [];
  const texts: string[] = [];
  for (const part of last?.parts ?? []) {
    if (part.functionResponse)
      responses.push({ name: part.functionResponse.name, response: part.functionResponse.response });
    else if (part.text && !part.text.startsWith('<')) texts.push(part.text);
  }
  return { responses, texts };
}

/**
 * The user's messages in the history, one turn each (function responses and `<…>` context left out). Gemini CLI merges
 * messages that have no model reply between them into one user content, a text part each (a resumed session whose
 * last message was never answered, then the next one): each text part is a message of its own. Two messages typed
 * into one box and sent together are one part, so that is still seen.
 */
export function userTurns(body: GeminiBody): string[][] {
  return (body.contents ?? [])
    .filter((c) => c.role === 'user')
    .flatMap((c) =>
      (c.parts ?? []).flatMap((part) => (part.text && !part.text.startsWith('<') ? [[part.text]] : [])),
    );
}

/** A value that satisfies a JSON schema well enough for the CLI's side questions; the next speaker is the person. */
function fill(schema: unknown, key = ''): unknown {
  const s = (schema ?? {}) as {
    type?: string | string[];
    enum?: unknown[];
    properties?: Record<string, unknown>;
  };
  const type = String(Array.isArray(s.type) ? s.type[0] : (s.type ?? '')).toLowerCase();
  if (key === 'next_speaker') return 'user';
  if (s.enum?.length) return s.enum[0];
  if (type === 'object' || s.properties)
    return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, fill(v, k)]));
  if (type === 'array') return [];
  if (type === 'boolean') return false;
  if (type === 'number' || type === 'integer') return 0;
  return 'ok';
}

/** The handler for `startFakeApi`: `script.turns[n]` answers the main request with n model turns in its history. */
export function geminiHandler(script: ModelScript): ApiHandler {
  return (request, response) => {
    const path = request.path;
    if (request.method === 'GET' && /\/models\/?$/.test(path)) {
      json(response, 200, {
        models: [
          { name: `models/${MODEL}`, displayName: MODEL, supportedGenerationMethods: ['generateContent'] },
        ],
      });
      return true;
    }
    if (request.method !== 'POST') return false;
    if (path.endsWith(':countTokens')) {
      request.kind = 'side';
      json(response, 200, { totalTokens: 1200 });
      return true;
    }
    const streaming = path.endsWith(':streamGenerateContent');
    if (!streaming && !path.endsWith(':generateContent')) return false;
    const body = (request.body ?? {}) as GeminiBody;
    if (!streaming || !offersTools(body)) {
      request.kind = 'side';
      const config = body.generationConfig ?? {};
      const text =
        config.responseMimeType === 'application/json'
          ? JSON.stringify(fill(config.responseJsonSchema ?? config.responseSchema))
          : 'ok';
      if (streaming) stream(response, [{ text }]);
      else json(response, 200, candidate([{ text }]));
      return true;
    }
    request.kind = 'main';
    const index = turnIndex(body);
    request.turn = index;
    request.userTurns = userTurns(body);
    const turn: Turn = script.turns[index] ?? script.after ?? { kind: 'text', text: 'Done.' };
    if (turn.kind === 'error') sendError(response, turn.error);
    else if (turn.kind === 'text') stream(response, [{ text: turn.text }]);
    else
      stream(response, [
        ...(turn.text ? [{ text: turn.text }] : []),
        { functionCall: { name: turn.name, args: toolInput(turn, JSON.stringify(body)) } },
      ]);
    return true;
  };
}

const usageMetadata = { promptTokenCount: 1200, candidatesTokenCount: 30, totalTokenCount: 1230 };

function candidate(parts: Part[]) {
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata,
    modelVersion: MODEL,
  };
}

function stream(response: ServerResponse, parts: Part[]): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.write(`data: ${JSON.stringify(candidate(parts))}\n\n`);
  response.end();
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** A 429 RESOURCE_EXHAUSTED with the quota that ran out and how long until a retry may succeed. */
function quota(quotaId: string, retrySeconds: number) {
  return {
    error: {
      code: 429,
      message: `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. Please retry in ${retrySeconds}s.`,
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [
            {
              quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
              quotaId,
              quotaDimensions: { location: 'global', model: MODEL },
              quotaValue: '100',
            },
          ],
        },
        {
          '@type': 'type.googleapis.com/google.rpc.Help',
          links: [
            {
              description: 'Learn more about Gemini API quotas',
              url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
            },
          ],
        },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retrySeconds}s` },
      ],
    },
  };
}

/** The real service's answer to a refused request. */
function sendError(response: ServerResponse, error: ApiError): void {
  const seconds = (at: Date) => Math.max(60, Math.round((at.getTime() - Date.now()) / 1000));
  switch (error.type) {
    case 'plan-limit':
      // a per-day quota: the CLI's terminal limit dialog without a time; a long non-daily retry: "Access resets at"
      return json(
        response,
        429,
        error.window === 'weekly'
          ? quota('GenerateRequestsPerDayPerProjectPerModel-FreeTier', seconds(error.resetsAt))
          : quota('GenerateRequestsPerHourPerProjectPerModel', seconds(error.resetsAt)),
      );
    case 'rate-limit':
      return json(
        response,
        429,
        quota('GenerateRequestsPerMinutePerProjectPerModel-FreeTier', error.retryAfter),
      );
    case 'credit':
      return json(response, 429, quota('GenerateRequestsPerDayPerProjectPerModel-FreeTier', 46_800));
    case 'invalid-key':
      return json(response, 400, {
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
      });
    case 'server':
      return json(
        response,
        error.status,
        error.status === 503
          ? {
              error: {
                code: 503,
                message: 'The model is overloaded. Please try again later.',
                status: 'UNAVAILABLE',
              },
            }
          : { error: { code: 500, message: 'An internal error has occurred.', status: 'INTERNAL' } },
      );
  }
}
