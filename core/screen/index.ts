// The screen classifier's public surface: snapshot → state, decision, reset times, profiles.
export { classify, type ClassifyOptions } from './classify.js';
export { decide, type DecideOptions } from './decide.js';
export { guardDialog } from './guard-dialog.js';
export { parseResetTime, type ResetTimeOptions } from './reset-time.js';
export { detectProfile } from './detect-profile.js';
export { resolveProfiles, type Profile, type ProfileSet } from './resolve-profiles.js';
export {
  profileOverrideSchema,
  profileOverridesSchema,
  type ProfileOverride,
  type ProfileOverrideInput,
  type ProfileOverrides,
} from './profile-schema.js';
export type { ProfileSpec, DialogSpec, LinePromptSpec, SubjectSpec, PatternSource } from './profile.js';
export { BUILTIN_PROFILES } from './profiles/index.js';
export { snapshotFromText, type PaneStateRecord } from './text-snapshot.js';
