// The `profiles:` section of the config: additions to built-in profiles and whole new ones, validated with zod.
import { z } from 'zod';
import { parseDuration } from '../duration.js';
import { patternProblem } from './pattern.js';

const pattern = z
  .string()
  .min(1, 'an empty pattern matches everything')
  .superRefine((source, ctx) => {
    const problem = patternProblem(source);
    if (problem) ctx.addIssue({ code: 'custom', message: `not a regular expression: ${problem}` });
  });
const patterns = z.array(pattern);
const keys = z.array(z.string().min(1)).min(1);

const subjectSchema = z.strictObject({
  kind: z.enum(['shell', 'action']),
  header: pattern.optional(),
  row: pattern.optional(),
  continued: z.boolean().optional(),
  above: z.number().int().min(1).max(20).optional(),
  stop: pattern.optional(),
  separate: z.boolean().optional(),
  shellCommand: z.boolean().optional(),
  firstRow: z.boolean().optional(),
  description: pattern.optional(),
  template: z.string().optional(),
});

const dialogSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and "-"'),
  question: patterns.min(1),
  approve: patterns,
  decline: patterns.optional(),
  keys: z.enum(['navigate', 'hotkey']).default('navigate'),
  deny: keys.optional(),
  subject: z.array(subjectSchema).default([]),
});

const linePromptSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and "-"'),
  prompt: pattern,
  context: pattern.optional(),
  /** the keys that answer yes; empty: the prompt is recognised but never answered (a typed confirmation) */
  approve: z.array(z.string().min(1)),
  deny: keys,
  subject: z.array(subjectSchema).optional(),
});

/** milliseconds, or a duration string (`500ms`, `20s`) */
const millis = z.union([
  z.number().int().min(0),
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined)
      ctx.addIssue({ code: 'custom', message: `not a duration: "${text}" (write "500ms")` });
    return ms ?? 0;
  }),
]);

const inputSchema = z.strictObject({
  row: patterns.optional(),
  readyAfter: millis.optional(),
  ready: patterns.optional(),
  settle: millis.optional(),
  enterGap: millis.optional(),
  clear: z.union([z.literal('backspace'), keys]).optional(),
});

const LIST_KEYS = [
  'detect',
  'dialogs',
  'linePrompts',
  'sticky',
  'busy',
  'quoted',
  'idle',
  'questions',
  'freeText',
  'footers',
  'output',
  'limits',
  'resetWords',
  'notLimits',
  'needsHuman',
  'fatal',
  'secrets',
  'secretDialogs',
  'shellPrompts',
  'dead',
  'commands',
] as const;

/** One profile's override: lists are added in front of the built-in ones unless named in `replace`. */
export const profileOverrideSchema = z.strictObject({
  /** for a new profile: the profile it starts from (default `generic`) */
  extends: z.string().optional(),
  description: z.string().optional(),
  /** list fields whose built-in entries are dropped instead of kept after yours */
  replace: z.array(z.enum(LIST_KEYS)).default([]),
  markers: z.string().optional(),
  detect: patterns.optional(),
  commands: z.array(z.string().min(1)).optional(),
  dialogs: z.array(dialogSchema).optional(),
  linePrompts: z.array(linePromptSchema).optional(),
  sticky: patterns.optional(),
  busy: patterns.optional(),
  quoted: patterns.optional(),
  idle: patterns.optional(),
  questions: patterns.optional(),
  freeText: patterns.optional(),
  footers: patterns.optional(),
  output: patterns.optional(),
  limits: patterns.optional(),
  resetWords: patterns.optional(),
  notLimits: patterns.optional(),
  needsHuman: patterns.optional(),
  fatal: patterns.optional(),
  secrets: patterns.optional(),
  secretDialogs: patterns.optional(),
  shellPrompts: patterns.optional(),
  dead: patterns.optional(),
  /** the input box and its timing (see InputSpec) */
  input: inputSchema.optional(),
});

/** The config's `profiles:` map: profile name → override. */
export const profileOverridesSchema = z.record(
  z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a profile name such as "claude-code" or "my-agent"'),
  profileOverrideSchema,
);

/** One profile's override as written in the config. */
export type ProfileOverrideInput = z.input<typeof profileOverrideSchema>;
/** One profile's override, validated (defaults applied). */
export type ProfileOverride = z.output<typeof profileOverrideSchema>;
/** The config's `profiles:` map, validated. */
export type ProfileOverrides = Readonly<Record<string, ProfileOverride>>;
