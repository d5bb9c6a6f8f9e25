// The tmux layer: the only code in nightshift that runs tmux.
export { createTmux } from './tmux.js';
export { checkTmuxVersion, parseVersion, isSupported } from './version.js';
export { KEY_NAMES, isKeyName } from './keys.js';
export { quoteArg, commandLine } from './quote.js';
export { MIN_VERSION } from './errors.js';
export type * from './types.js';
