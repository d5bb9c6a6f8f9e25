// The built-in profiles, by name. `generic` is layered under every other one.
import type { ProfileSpec } from '../profile.js';
import { aider } from './aider.js';
import { claudeCode } from './claude-code.js';
import { codex } from './codex.js';
import { copilot } from './copilot.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import { generic } from './generic.js';

/** Built-in profiles, most specific first; `generic` last. */
export const BUILTIN_PROFILES: Readonly<Record<string, ProfileSpec>> = {
  'claude-code': claudeCode,
  codex,
  gemini,
  aider,
  cursor,
  copilot,
  generic,
};

/** Names users may write for a built-in profile. */
export const PROFILE_ALIASES: Readonly<Record<string, string>> = {
  claude: 'claude-code',
  'cursor-agent': 'cursor',
  'copilot-cli': 'copilot',
  'gemini-cli': 'gemini',
};
