// Claude Code in the bench: the Anthropic Messages API, first-run screens answered in ~/.claude.json, no
// network besides the fake API, an API key or a subscriber's OAuth token.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentAdapter } from '../harness/adapter.js';
import { anthropicHandler } from '../harness/fake-api/anthropic.js';

/** A key in the real key's shape; Claude Code remembers approved keys by their last 20 characters. */
export const BENCH_API_KEY = `sk-ant-api03-${'b'.repeat(80)}BENCHKEY0123456789AA`;
const BENCH_OAUTH_TOKEN = `sk-ant-oat01-${'c'.repeat(80)}BENCHTOKEN012345678A`;

/** The Claude Code adapter. */
export const claudeCode: AgentAdapter = {
  name: 'claude-code',
  profile: 'claude-code',
  api: (script) => anthropicHandler({ script }),
  prepare(sandbox, _apiUrl, options) {
    const state = {
      hasCompletedOnboarding: true,
      lastOnboardingVersion: '2.1.197',
      numStartups: 1,
      customApiKeyResponses: { approved: [BENCH_API_KEY.slice(-20)], rejected: [] },
      projects: { [sandbox.project]: { hasTrustDialogAccepted: !options.untrusted, allowedTools: [] } },
    };
    writeFileSync(join(sandbox.home, '.claude.json'), JSON.stringify(state, null, 2));
    mkdirSync(join(sandbox.home, '.claude'), { recursive: true });
    // web fetches go to the fake server as they are; the blocklist check would ask api.anthropic.com
    writeFileSync(
      join(sandbox.home, '.claude', 'settings.json'),
      JSON.stringify({ skipWebFetchPreflight: true }),
    );
  },
  env(sandbox, apiUrl, options) {
    return {
      HOME: sandbox.home,
      ANTHROPIC_BASE_URL: apiUrl,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
      TERM: 'xterm-256color',
      ...(options.auth === 'api-key'
        ? { ANTHROPIC_API_KEY: BENCH_API_KEY }
        : // a token from the environment carries no profile: the plan is named so limits are worded for it
          { CLAUDE_CODE_OAUTH_TOKEN: BENCH_OAUTH_TOKEN, CLAUDE_CODE_SUBSCRIPTION_TYPE: 'max' }),
    };
  },
  command: (installed) => ({ start: installed.bin, resume: `${installed.bin} --continue` }),
};
