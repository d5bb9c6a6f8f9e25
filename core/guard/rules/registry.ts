import type { Pack, ProgramCheck } from '../invocation.js';
import { KNOWN_PROGRAMS } from '../programs/known-programs.js';
import { wrapperChecks } from '../unwrap/index.js';
import type { Registry } from '../walk/walker.js';
import { cloudPack } from './packs/cloud.js';
import { containersPack } from './packs/containers.js';
import { dbPack } from './packs/db/index.js';
import { diskPack } from './packs/disk/index.js';
import { egressPack } from './packs/egress/index.js';
import { fsPack } from './packs/fs/index.js';
import { gitPack } from './packs/git/index.js';
import { iacPack } from './packs/iac.js';
import { inputPack } from './packs/input.js';
import { kubernetesPack } from './packs/kubernetes.js';
import { parsePack } from './packs/parse.js';
import { permissionsPack } from './packs/permissions.js';
import { rcePack } from './packs/rce.js';
import { secretsPack } from './packs/secrets.js';
import { selfPack } from './packs/self.js';
import { systemPack } from './packs/system.js';
import { verbsPack } from './packs/verbs/index.js';

/** Programs that run other programs; their rules live in the packs they report (system, rce…). */
const wrappersPack: Pack = {
  id: 'core.unwrap',
  summary:
    'wrappers: sudo, env, nice, timeout, sh -c, eval, xargs, find -exec, ssh, docker exec… (no rules of their own)',
  rules: [],
  checks: wrapperChecks,
};

/** The built-in packs, in the order the docs list them. */
export const BUILT_IN_PACKS: readonly Pack[] = [
  inputPack,
  parsePack,
  fsPack,
  diskPack,
  permissionsPack,
  gitPack,
  dbPack,
  containersPack,
  kubernetesPack,
  iacPack,
  cloudPack,
  systemPack,
  rcePack,
  secretsPack,
  egressPack,
  selfPack,
  verbsPack,
  wrappersPack,
];

/** Packs about files, disks and permissions: their programs take paths, not subcommands. */
const PATH_PACKS = new Set(['core.fs', 'core.disk', 'core.perm']);

/** Indexes the checks of some packs by program name; `*` checks apply to every program. */
export function createRegistry(packs: readonly Pack[] = BUILT_IN_PACKS): Registry {
  const byProgram = new Map<string, ProgramCheck[]>();
  const everyProgram: ProgramCheck[] = [];
  const judged = new Set<string>();
  const pathTools = new Set<string>();
  for (const pack of packs) {
    for (const check of pack.checks) {
      for (const program of check.programs) {
        if (program === '*') everyProgram.push(check);
        else byProgram.set(program, [...(byProgram.get(program) ?? []), check]);
        if (pack !== wrappersPack) judged.add(program);
        if (PATH_PACKS.has(pack.id)) pathTools.add(program);
      }
    }
  }
  const empty: readonly ProgramCheck[] = [];
  const cache = new Map<string, readonly ProgramCheck[]>();
  return {
    checksFor(program) {
      let checks = cache.get(program);
      if (!checks) {
        checks = [...(byProgram.get(program) ?? empty), ...everyProgram];
        cache.set(program, checks);
      }
      return checks;
    },
    isKnown: (program) => KNOWN_PROGRAMS.has(program) || byProgram.has(program),
    hasChecks: (program) => byProgram.has(program),
    wrapsOnly: (program) => byProgram.has(program) && !judged.has(program),
    takesPaths: (program) => pathTools.has(program),
  };
}
