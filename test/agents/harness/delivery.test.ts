// The bench's delivery check on hand-made API traffic in Claude Code's and Gemini CLI's shapes: a verified send must be
// one user turn of its own, once; a retried request adds nothing; a lost, doubled or merged send is named.
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../core/journal/events.js';
import { deliveryProblems } from './delivery.js';
import { userTurns, type MessagesBody } from './fake-api/anthropic.js';
import { userTurns as geminiUserTurns, type GeminiBody } from './fake-api/gemini.js';
import type { Received } from './fake-api/server.js';

const TASK = 'Please do the next task in TASKS.md.';
const NUDGE = 'Please continue with your task list.';

const sent = (text: string, verified = true): JournalEvent =>
  ({
    t: '2026-12-07T04:00:00.000Z',
    type: 'action',
    agent: 'claude-code',
    plugin: 'nudge',
    action: 'type',
    text,
    reason: `submitted "${text}"`,
    screenHash: 'x',
    dryRun: false,
    verified,
  }) as JournalEvent;

const user = (...texts: string[]) => ({
  role: 'user',
  content: [
    { type: 'text', text: '<system-reminder>context</system-reminder>' },
    ...texts.map((text) => ({ type: 'text', text })),
  ],
});
const model = { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] };

/** One main request carrying `messages`, as the fake API records it. */
const request = (...messages: unknown[]): Received => {
  const body = { messages } as MessagesBody;
  return {
    at: 0,
    method: 'POST',
    path: '/v1/messages',
    headers: {},
    body,
    kind: 'main',
    userTurns: userTurns(body),
  };
};

describe('delivery check', () => {
  it.each([
    [
      'the task, then a nudge, each once',
      [sent(TASK), sent(NUDGE)],
      [request(user(TASK)), request(user(TASK), model, user(NUDGE))],
      [],
    ],
    ['a retried request adds nothing', [sent(TASK)], [request(user(TASK)), request(user(TASK))], []],
    ['an unverified send is not checked', [sent(NUDGE, false)], [request(user(TASK))], []],
    [
      "Claude Code's own interruption note beside a decline's text is not a second send",
      [sent(NUDGE)],
      [request(user(TASK), model, user('[Request interrupted by user for tool use]', NUDGE))],
      [],
    ],
    [
      'a verified send that never arrived',
      [sent(TASK), sent(NUDGE)],
      [request(user(TASK))],
      ['reached the model 0×'],
    ],
    [
      'a send that arrived twice',
      [sent(NUDGE)],
      [request(user(NUDGE), model, user(NUDGE))],
      ['reached the model 2×'],
    ],
    [
      'a nudge typed onto unsent text',
      [sent(TASK), sent(NUDGE)],
      [request(user(`${TASK}${NUDGE}`))],
      ['reached the model 0×', 'reached the model 0×'],
    ],
    [
      'two sends in one user turn',
      [sent(TASK), sent(NUDGE)],
      [request(user(TASK, NUDGE))],
      ['shared its user turn', 'shared its user turn'],
    ],
  ] as const)('%s', (_name, events, received, want) => {
    const problems = deliveryProblems(events, received);
    expect(problems).toHaveLength(want.length);
    want.forEach((w, i) => expect(problems[i]).toContain(w));
  });
});

/** Gemini CLI's shape: `contents` with text parts, its session context in a `<…>` part of the first user content. */
const gUser = (...texts: string[]) => ({ role: 'user', parts: texts.map((text) => ({ text })) });
const gModel = { role: 'model', parts: [{ text: 'Working on it.' }] };
const gRequest = (...contents: ReturnType<typeof gUser>[]): Received => {
  const body = { contents } as GeminiBody;
  return {
    at: 0,
    method: 'POST',
    path: '/v1beta/models/gemini-2.5-pro:streamGenerateContent',
    headers: {},
    body,
    kind: 'main',
    userTurns: geminiUserTurns(body),
  };
};

describe('delivery check, Gemini CLI', () => {
  it.each([
    [
      'the task, then a nudge, each once',
      [sent(TASK), sent(NUDGE)],
      [
        gRequest(gUser('<session_context>', TASK)),
        gRequest(gUser('<session_context>', TASK), gModel, gUser(NUDGE)),
      ],
      [],
    ],
    [
      // the agent crashed before the task was answered; resumed, it merges the unanswered task and the nudge into one
      // user content, a part each (bench crash row, Dec 7): each is still its own message, sent once
      'a resumed session merges the unanswered task with the nudge: two messages, each once',
      [sent(TASK), sent(NUDGE)],
      [gRequest(gUser('<session_context>', TASK)), gRequest(gUser('<session_context>', TASK, NUDGE))],
      [],
    ],
    [
      'a send that arrived twice (two parts of one merged content)',
      [sent(NUDGE)],
      [gRequest(gUser(TASK), gModel, gUser(NUDGE, NUDGE))],
      ['reached the model 2×'],
    ],
    [
      'a nudge typed onto unsent text (one part)',
      [sent(TASK), sent(NUDGE)],
      [gRequest(gUser(`${TASK} ${NUDGE}`))],
      ['reached the model 0×', 'reached the model 0×'],
    ],
  ] as const)('%s', (_name, events, received, want) => {
    const problems = deliveryProblems(events, received);
    expect(problems).toHaveLength(want.length);
    want.forEach((w, i) => expect(problems[i]).toContain(w));
  });
});
