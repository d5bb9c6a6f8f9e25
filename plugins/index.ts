// `nightshift/plugins`: the built-in plugins, for testing with and building on (docs/builtin-plugins.md lists what
// each one matches and its options). Each is a plain plugin object, written against the public API only.
export { default as error, DEFAULT_ERROR_PATTERNS } from './checks/error.js';
export { default as exited } from './checks/exited.js';
export { default as idle } from './checks/idle.js';
export { default as prompt } from './checks/prompt.js';
export { default as usageLimit } from './checks/usage-limit.js';
export { default as autoConfirm } from './rescues/auto-confirm.js';
export { default as dangerous } from './rescues/dangerous.js';
export { default as escalate } from './rescues/escalate.js';
export { default as kickoff } from './rescues/kickoff.js';
export { default as nudge } from './rescues/nudge.js';
export { default as restart } from './rescues/restart.js';
export { default as rules } from './rescues/rules.js';
export { default as waitForReset } from './rescues/wait-for-reset.js';
export { DEFAULT_CONTINUE } from './rescues/window.js';
export { agentDetail, email, markdownReport } from './reporters/index.js';
