import { describe, expect, it } from 'vitest';
import { configSchema } from '../../config/schema.js';
import { NightshiftError } from '../../core/errors.js';
import { classify } from '../../core/screen/classify.js';
import { decide } from '../../core/screen/decide.js';
import { detectProfile } from '../../core/screen/detect-profile.js';
import { resolveProfiles } from '../../core/screen/resolve-profiles.js';
import { allowAll } from './guards.js';
import { NOW, screen, tui } from './screens.js';

// Claude Code's next release (imagined): a new question, a new approve label, a new busy line and limit sentence.
const NEXT_RELEASE_DIALOG = [
  '● Running the tests.',
  '',
  '─'.repeat(60),
  ' Shell',
  '',
  '   npm test -- --run',
  '   Run the unit tests',
  '',
  ' Allow this command to run?',
  ' ❯ 1. Allow once',
  '   2. Allow for this project',
  '   3. Deny',
  '',
  ' Esc to cancel · Tab to amend',
];
const NEXT_RELEASE_BUSY = [
  '● Working on it',
  '',
  '✻ Cogitating (12s) [press esc to stop]',
  '',
  '─'.repeat(40),
  '❯',
  '─'.repeat(40),
  '  ? for shortcuts',
];
const NEXT_RELEASE_LIMIT = [
  '  ⎿  Quota used up for this window · back at 6am (UTC)',
  '',
  '─'.repeat(40),
  '❯',
  '─'.repeat(40),
  '  ? for shortcuts',
];

/** The config a user writes, as YAML would give it: no code. */
const userConfig = {
  agents: [{ name: 'builder', command: 'claude', profile: 'claude-code' }],
  profiles: {
    'claude-code': {
      dialogs: [
        {
          id: 'permission-v3',
          question: ['^\\s*Allow this command to run\\?$'],
          approve: ['^Allow once$'],
          decline: ['^Deny$'],
          deny: ['Escape'],
          subject: [{ kind: 'shell', header: '^\\s*Shell$', description: '/^[A-Z][a-z]/' }],
        },
      ],
      sticky: ['for this project'],
      busy: ['press esc to stop'],
      limits: ['quota used up for this window'],
      resetWords: ['back at'],
    },
  },
};

describe('a new agent wording, supported by config alone', () => {
  const config = configSchema.parse(userConfig);
  const options = { profile: 'claude-code', profiles: config.profiles, now: NOW, timezone: 'UTC' };

  it('is not recognised by the built-in profile', () => {
    const builtIn = { ...options, profiles: undefined };
    expect(classify(screen(NEXT_RELEASE_DIALOG, tui), builtIn).state).not.toBe('confirm');
    expect(classify(screen(NEXT_RELEASE_BUSY, tui), builtIn).state).not.toBe('busy');
    expect(classify(screen(NEXT_RELEASE_LIMIT, tui), builtIn).state).not.toBe('limit');
  });

  it('is recognised with the config override: dialog, command, keys, busy and limit', () => {
    const s = screen(NEXT_RELEASE_DIALOG, tui);
    const c = classify(s, options);
    expect(c).toMatchObject({
      state: 'confirm',
      rule: 'claude-code.permission-v3',
      dialog: { command: 'npm test -- --run', approve: ['Enter'], deny: ['Escape'] },
    });
    expect(decide(c, s, allowAll).decision).toBe('approve');
    expect(classify(screen(NEXT_RELEASE_BUSY, tui), options).state).toBe('busy');
    expect(classify(screen(NEXT_RELEASE_LIMIT, tui), options)).toMatchObject({
      state: 'limit',
      resetAt: new Date('2026-11-21T06:00:00Z'),
    });
  });

  it('keeps the built-in patterns next to the new ones', () => {
    expect(classify(screen(['✻ Thinking… (esc to interrupt)'], tui), options).state).toBe('busy');
  });

  it('can replace a built-in list instead of extending it', () => {
    const replaced = { 'claude-code': { busy: ['press esc to stop'], replace: ['busy'] } };
    expect(
      classify(screen(['✻ Thinking… (esc to interrupt)', 'x'], tui), { ...options, profiles: replaced })
        .state,
    ).not.toBe('busy');
  });

  it('adds a whole new agent with its own detection', () => {
    const profiles = {
      'my-agent': {
        description: 'in-house agent',
        detect: ['^myagent v\\d'],
        markers: '>',
        idle: ['^ask> '],
        busy: ['^\\[working\\]'],
        dialogs: [
          {
            id: 'run',
            question: ['^Run it\\?$'],
            approve: ['^yes$'],
            keys: 'hotkey',
            deny: ['n'],
            subject: [{ kind: 'shell', row: '^\\$ (.+)$' }],
          },
        ],
      },
    };
    const rows = ['myagent v2.1', '$ make test', 'Run it?', '> yes (y)', '  no (n)'];
    expect(detectProfile(rows, { profiles: resolveProfiles(profiles) })).toBe('my-agent');
    expect(classify(screen(rows, tui), { profiles, now: NOW })).toMatchObject({
      profile: 'my-agent',
      state: 'confirm',
      dialog: { command: 'make test', approve: ['y'] },
    });
    expect(classify(screen(['myagent v2.1', '[working] compiling'], tui), { profiles, now: NOW }).state).toBe(
      'busy',
    );
  });

  it('reports every bad pattern with its path', () => {
    const bad = { 'claude-code': { busy: ['(unclosed'], dialogs: [{ id: 'x', question: [], approve: [] }] } };
    expect(() => resolveProfiles(bad)).toThrow(NightshiftError);
    try {
      resolveProfiles(bad);
    } catch (error) {
      const paths = (error as NightshiftError).problems.map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining(['profiles.claude-code.busy.0', 'profiles.claude-code.dialogs.0.question']),
      );
    }
    expect(configSchema.safeParse({ ...userConfig, profiles: bad }).success).toBe(false);
  });
});
