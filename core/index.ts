// nightshift's public API: what plugin authors and typed configs import from 'nightshift'.
export type * from './plugin/types.js';
export type { Schema, SchemaResult, SchemaIssue } from './plugin/schema.js';
export type {
  Snapshot,
  PaneState,
  Classification,
  Dialog,
  Decision,
  DecisionKind,
  QuestionMenu,
  QuestionChoice,
} from './screen/types.js';
export type { Verdict, GuardResult, GuardContext } from './guard/types.js';
export type { JournalEvent, Severity, EscalationKind, RefusalWhy } from './journal/events.js';
export type { UserConfig, Config, AgentConfig } from '../config/schema.js';
export { parseDuration, formatDuration } from './duration.js';
export { definePlugin } from './plugin/define.js';
export { BUILTIN_FINDING_KINDS } from './plugin/kinds.js';
export { defineConfig } from '../config/define.js';
/** A zod schema for duration options (`"10m"` → 600000 ms), for plugin option schemas. */
export { duration } from '../config/schema.js';
export {
  classify,
  decide,
  guardDialog,
  parseResetTime,
  detectProfile,
  resolveProfiles,
  profileOverrideSchema,
  snapshotFromText,
  BUILTIN_PROFILES,
} from './screen/index.js';
export type {
  ClassifyOptions,
  DecideOptions,
  ResetTimeOptions,
  Profile,
  ProfileSet,
  ProfileSpec,
  ProfileOverride,
  ProfileOverrideInput,
} from './screen/index.js';
