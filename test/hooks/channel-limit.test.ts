// A usage limit the agent's own hook channel reports (Claude Code's StopFailure `rate_limit`) feeds the same limit
// check and wait-for-reset as one read on screen: the route records it, each look applies it to the screen's reading.
import { describe, expect, it } from 'vitest';
import type { HookCall } from '../../core/hooks/protocol.js';
import { hookRoute } from '../../core/hooks/route.js';
import { hookAgent, hookNightParts } from '../helpers/hook-night.js';
import type { NewJournalEvent } from '../../core/journal/events.js';
import type { Classification } from '../../core/screen/types.js';
import { CHANNEL_LIMIT_WITHOUT_RESET_MS, withChannelLimit } from '../../core/watch/channel-limit.js';

const NOW = Date.parse('2026-11-21T02:00:00Z');
const MINUTE = 60_000;
const LIMIT_WORDS = "You've hit your session limit · resets 3am (UTC)";

/** One agent and the real hook route, its clock at NOW. */
function night() {
  const agent = hookAgent('/');
  const journal: NewJournalEvent[] = [];
  const parts = { ...hookNightParts(agent, '/', (e) => journal.push(e)), now: () => new Date(NOW) };
  const route = hookRoute(parts);
  const send = (event: string, call: HookCall) =>
    route.handle(
      { agent: 'builder', channel: 'claude-settings', event, call },
      { signal: new AbortController().signal },
    );
  return { agent, journal, send };
}

const screen = (state: Classification['state'], extra: Partial<Classification> = {}): Classification => ({
  state,
  profile: 'claude-code',
  rule: `screen.${state}`,
  evidence: ['on screen'],
  ...extra,
});

const rateLimit = (message?: string): HookCall => ({
  kind: 'failure',
  error: 'rate_limit',
  limit: true,
  ...(message ? { message } : {}),
});

describe('a usage limit reported by the hook channel', () => {
  const cases: {
    name: string;
    events: [string, HookCall][];
    screen: Classification;
    at?: number;
    reads: Partial<Classification> & { state: Classification['state'] };
    noReset?: boolean;
  }[] = [
    {
      name: 'an idle input box reads as the limit, with the reset time from the agent’s words',
      events: [['StopFailure', rateLimit(LIMIT_WORDS)]],
      screen: screen('input'),
      reads: {
        state: 'limit',
        rule: 'hook:StopFailure.rate_limit',
        resetAt: new Date('2026-11-21T03:00:00Z'),
        evidence: [LIMIT_WORDS],
      },
    },
    {
      name: 'plain output reads as the limit too',
      events: [['StopFailure', rateLimit(LIMIT_WORDS)]],
      screen: screen('output'),
      reads: { state: 'limit', resetAt: new Date('2026-11-21T03:00:00Z') },
    },
    {
      name: 'a dialog on screen is what the agent does now: it stays a dialog',
      events: [['StopFailure', rateLimit(LIMIT_WORDS)]],
      screen: screen('confirm'),
      reads: { state: 'confirm', rule: 'screen.confirm' },
    },
    {
      name: 'work in progress stays busy',
      events: [['StopFailure', rateLimit(LIMIT_WORDS)]],
      screen: screen('busy'),
      reads: { state: 'busy' },
    },
    {
      name: 'a limit on screen without a reset time gets the channel’s',
      events: [['StopFailure', rateLimit(LIMIT_WORDS)]],
      screen: screen('limit'),
      reads: { state: 'limit', rule: 'screen.limit+hook:reset', resetAt: new Date('2026-11-21T03:00:00Z') },
    },
    {
      name: 'a limit on screen with its own reset time keeps it',
      events: [['StopFailure', rateLimit(LIMIT_WORDS)]],
      screen: screen('limit', { resetAt: new Date('2026-11-21T04:00:00Z') }),
      reads: { state: 'limit', rule: 'screen.limit', resetAt: new Date('2026-11-21T04:00:00Z') },
    },
    {
      name: 'once the reset time has passed the screen is the only source again',
      events: [['StopFailure', rateLimit(LIMIT_WORDS)]],
      screen: screen('input'),
      at: Date.parse('2026-11-21T03:00:00Z'),
      reads: { state: 'input' },
    },
    {
      name: 'no words about the reset: a limit with no reset time (wait-for-reset rechecks)',
      events: [['StopFailure', rateLimit()]],
      screen: screen('input'),
      at: NOW + CHANNEL_LIMIT_WITHOUT_RESET_MS - MINUTE,
      reads: { state: 'limit', evidence: ['StopFailure: rate_limit'] },
      noReset: true,
    },
    {
      name: 'no words about the reset, and it stood its time: the screen again',
      events: [['StopFailure', rateLimit()]],
      screen: screen('input'),
      at: NOW + CHANNEL_LIMIT_WITHOUT_RESET_MS,
      reads: { state: 'input' },
    },
    {
      name: 'the agent at work again (a tool call through the channel) ends it',
      events: [
        ['StopFailure', rateLimit(LIMIT_WORDS)],
        ['PermissionRequest', { kind: 'permission', tool: 'Bash', command: 'npm test' }],
      ],
      screen: screen('input'),
      reads: { state: 'input' },
    },
    {
      name: 'a failure that is not a limit changes nothing',
      events: [
        ['StopFailure', { kind: 'failure', error: 'server_error', limit: false, message: LIMIT_WORDS }],
      ],
      screen: screen('input'),
      reads: { state: 'input', rule: 'screen.input' },
    },
  ];
  it.each(cases)('$name', async ({ events, screen: look, at, reads, noReset }) => {
    const n = night();
    for (const [event, call] of events) await n.send(event, call);
    const read = withChannelLimit(n.agent, look, at ?? NOW + MINUTE);
    expect(read).toMatchObject(reads);
    if (noReset) expect(read.resetAt).toBeUndefined();
  });

  it('journals the reset time it read beside the event', async () => {
    const n = night();
    await n.send('StopFailure', rateLimit(LIMIT_WORDS));
    expect(n.journal).toContainEqual(
      expect.objectContaining({
        type: 'hook-event',
        kind: 'failure',
        detail: 'rate_limit (usage limit); resets 2026-11-21T03:00:00.000Z',
      }),
    );
  });
});
