import type { ProgramCheck } from '../invocation.js';
import { commandOptionChecks } from './command-options.js';
import { envChecks } from './env.js';
import { interpreterChecks } from './interpreters.js';
import { privilegeChecks } from './privilege.js';
import { remoteChecks } from './remote.js';
import { runnerChecks } from './runners.js';
import { shellChecks } from './shells.js';
import { transparentChecks } from './transparent.js';
import { versionManagerChecks } from './version-managers.js';
import { xargsChecks } from './xargs.js';

/** Every wrapper: programs that run another command, shell text or code, each with its own options. */
export const wrapperChecks: readonly ProgramCheck[] = [
  ...transparentChecks,
  ...privilegeChecks,
  ...envChecks,
  ...shellChecks,
  ...interpreterChecks,
  ...xargsChecks,
  ...remoteChecks,
  ...runnerChecks,
  ...commandOptionChecks,
  ...versionManagerChecks,
];
