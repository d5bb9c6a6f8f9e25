import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { agentSchema, type Config } from '../../config/schema.js';
import { newAgentRuntime, type AgentRuntime } from '../../core/watch/agent-runtime.js';
import type { NightParts } from '../../core/control/night-routes.js';
import { createGuard } from '../../core/guard/create-guard.js';
import { hookChannelLive, hookRoute } from '../../core/hooks/route.js';
import type { HookRequest } from '../../core/hooks/protocol.js';
import type { NewJournalEvent } from '../../core/journal/events.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * A night with one agent and the real guard. The actuator is reduced to its budget (the bench passes the real one):
 * `budget` says whether an allow may be spent.
 */
function night(o: { dryRun?: boolean; budget?: boolean; journalFull?: boolean } = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'ns-hook-route-'));
  dirs.push(cwd);
  const agent: AgentRuntime = newAgentRuntime(
    agentSchema.parse({ name: 'builder', command: 'claude', cwd }),
    '/dev/null',
  );
  const journal: NewJournalEvent[] = [];
  const looks: string[] = [];
  const parts: NightParts = {
    config: { actuator: { dryRun: o.dryRun ?? false } } as Config,
    night: { id: 'n', runDir: cwd },
    agents: [agent],
    watch: {
      actuator: {
        spendForHook: () =>
          o.budget === false ? { why: 'budget', reason: 'budget: 40 actions' } : undefined,
      },
      lookAgain: (a: AgentRuntime) => looks.push(a.config.name),
    } as unknown as NightParts['watch'],
    guard: createGuard(),
    journal: (e) => (journal.push(e), !o.journalFull),
    log: pino({ level: 'silent' }),
    now: () => new Date(),
  };
  const route = hookRoute(parts);
  const ask = (
    command: string | undefined,
    tool = 'Bash',
    channel: HookRequest['channel'] = 'claude-settings',
  ) =>
    route.handle(
      {
        agent: 'builder',
        channel,
        event: 'PermissionRequest',
        call: command === undefined ? { kind: 'permission', tool } : { kind: 'permission', tool, command },
      } satisfies HookRequest,
      { signal: new AbortController().signal },
    );
  return { agent, journal, looks, route, ask };
}

describe('the hook route', () => {
  const cases: {
    name: string;
    command: string | undefined;
    tool?: string;
    channel?: HookRequest['channel'];
    o?: Parameters<typeof night>[0];
    answer: object;
    events: object[];
  }[] = [
    {
      name: 'a safe command is allowed and journaled with channel hook',
      command: 'npm test',
      answer: { decision: 'allow' },
      events: [{ type: 'action', action: 'answer', channel: 'hook', dryRun: false }],
    },
    {
      name: 'a dangerous command is denied, the agent told why, and a person is told',
      command: 'rm -rf ~',
      answer: { decision: 'deny', message: expect.stringMatching(/A person will look at it in the morning/) },
      events: [
        { type: 'refusal', why: 'guard', channel: 'hook', command: 'rm -rf ~' },
        { type: 'escalation', kind: 'blocked-command', channel: 'hook' },
      ],
    },
    {
      name: "a safe command on a channel that cannot approve (Gemini's BeforeTool) makes no decision, journals none",
      command: 'npm test',
      channel: 'gemini-system-settings',
      answer: { decision: 'none' },
      events: [],
    },
    {
      name: "a dangerous command on Gemini's BeforeTool is denied",
      command: 'rm -rf ~',
      channel: 'gemini-system-settings',
      answer: { decision: 'deny', message: expect.stringMatching(/A person will look at it in the morning/) },
      events: [
        { type: 'refusal', channel: 'hook' },
        { type: 'escalation', kind: 'blocked-command' },
      ],
    },
    {
      name: 'a command the guard cannot be sure of makes no decision (the screen path holds it)',
      command: 'sudo apt update',
      answer: { decision: 'none' },
      events: [],
    },
    {
      name: 'a tool that runs no shell command is left to the screen',
      command: undefined,
      tool: 'Edit',
      answer: { decision: 'none' },
      events: [],
    },
    {
      name: 'a dry run allows nothing and says what it would have done',
      command: 'npm test',
      o: { dryRun: true },
      answer: { decision: 'none' },
      events: [
        { type: 'action', channel: 'hook', dryRun: true, reason: expect.stringMatching(/^would allow/) },
      ],
    },
    {
      name: 'a dry run denies nothing either',
      command: 'rm -rf ~',
      o: { dryRun: true },
      answer: { decision: 'none' },
      events: [{ type: 'refusal' }, { type: 'escalation', reason: expect.stringMatching(/^would deny/) }],
    },
    {
      name: 'a spent budget makes no decision',
      command: 'npm test',
      o: { budget: false },
      answer: { decision: 'none' },
      events: [{ type: 'refusal', why: 'budget', channel: 'hook' }],
    },
    {
      name: 'an allow that could not be journaled is not given',
      command: 'npm test',
      o: { journalFull: true },
      answer: { decision: 'none' },
      events: [{ type: 'action', channel: 'hook' }],
    },
  ];
  it.each(cases)('$name', async ({ command, tool, channel, o, answer, events }) => {
    const n = night(o);
    expect(await n.ask(command, tool, channel)).toEqual(answer);
    expect(n.journal).toMatchObject([{ type: 'hook-channel', state: 'active' }, ...events]);
    expect(hookChannelLive(n.agent)).toBe(true);
  });

  it('turns a reported state into a journal event and a look at the agent now', async () => {
    const n = night();
    const answer = await n.route.handle(
      {
        agent: 'builder',
        channel: 'claude-settings',
        event: 'StopFailure',
        call: { kind: 'failure', error: 'rate_limit', limit: true },
      },
      { signal: new AbortController().signal },
    );
    expect(answer).toEqual({ decision: 'none' });
    expect(n.journal[1]).toMatchObject({
      type: 'hook-event',
      kind: 'failure',
      detail: 'rate_limit (usage limit)',
    });
    expect(n.looks).toEqual(['builder']);
  });

  it('makes no decision for an agent it does not know', async () => {
    const n = night();
    const answer = await n.route.handle(
      {
        agent: 'stranger',
        channel: 'claude-settings',
        event: 'PermissionRequest',
        call: { kind: 'permission', tool: 'Bash', command: 'ls' },
      },
      { signal: new AbortController().signal },
    );
    expect(answer).toEqual({ decision: 'none' });
    expect(n.journal).toEqual([]);
  });
});
