import { hasAny, parseFlags } from '../../../flags/parse-flags.js';
import type { CheckContext, ProgramCheck } from '../../../invocation.js';
import type { PathClass } from '../../../paths/classify-path.js';
import { FILE_NAME } from '../../../paths/path-names.js';
import {
  moveAway,
  removeSources,
  rmBuildOutput,
  rmFileOutsideProject,
  rmGlobOutsideProject,
  rmHome,
  rmHomeSensitive,
  rmNoPreserveRoot,
  rmOutsideProject,
  rmDataStore,
  rmProjectRoot,
  rmRoot,
  rmSource,
  rmSystem,
  rmUnknown,
  rmVcs,
  shred,
  syncDelete,
} from './rules.js';
import { reportWrite } from './writes.js';
import { writeDevice } from '../disk/rules.js';
import { editConfig } from '../self.js';

/** Programs that delete the paths they are given. */
export const DELETERS: ReadonlySet<string> = new Set([
  'rm',
  'unlink',
  'shred',
  'srm',
  'wipe',
  'rimraf',
  'del',
  'trash',
  'trash-put',
]);

/** Reports the rule for deleting one target; `recursive` when directories go with everything in them. */
export function reportDelete(
  target: PathClass,
  recursive: boolean,
  match: string,
  context: CheckContext,
): void {
  if (target.protected) context.report(editConfig, match);
  const wide = recursive || target.glob === 'all';
  switch (target.kind) {
    case 'root':
      return context.report(rmRoot, match);
    case 'system':
    case 'device':
    case 'null-device':
      return context.report(rmSystem, match);
    case 'home':
      return context.report(rmHome, match);
    case 'home-sensitive':
      return context.report(rmHomeSensitive, match);
    case 'outside':
      if (recursive) return context.report(rmOutsideProject, match);
      return context.report(target.glob === 'none' ? rmFileOutsideProject : rmGlobOutsideProject, match);
    case 'project-root':
      return context.report(rmProjectRoot, match);
    case 'project-vcs':
      if (wide) context.report(rmVcs, match);
      return;
    case 'project-source':
      if (target.dataStore) context.report(rmDataStore, match);
      // `src/*` deletes every file of a source directory, as `*` does at the project's top
      if (wide && !(FILE_NAME.test(target.path) && target.glob === 'none')) context.report(rmSource, match);
      return;
    case 'project-build':
      if (context.buildOutput === 'hold') context.report(rmBuildOutput, match);
      return;
    case 'temp':
      return;
    case 'unknown':
      return context.report(rmUnknown, match);
  }
}

const RM_FLAGS = {
  aliases: { R: 'r', recursive: 'r', force: 'f', dir: 'd', verbose: 'v' },
  longFlags: [
    'recursive',
    'force',
    'dir',
    'verbose',
    'one-file-system',
    'no-preserve-root',
    'preserve-root',
    'help',
    'version',
  ],
  longWithValue: ['interactive'],
};

/** rm, unlink, rimraf and friends: each operand is judged by its class. */
const rm: ProgramCheck = {
  programs: ['rm', 'unlink', 'rimraf', 'del', 'del-cli', 'trash', 'trash-put', 'trash-cli'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, RM_FLAGS);
    if (hasAny(parsed, 'help', 'version') && parsed.operands.length === 0) return; // BSD rm deletes operands before --help
    if (parsed.flags.has('no-preserve-root')) context.report(rmNoPreserveRoot);
    const recursive =
      parsed.flags.has('r') ||
      ['rimraf', 'del', 'del-cli', 'trash', 'trash-put', 'trash-cli'].includes(invocation.program);
    for (const operand of parsed.operands)
      reportDelete(context.classify(operand), recursive, invocation.text, context);
  },
};

/** shred, srm, wipe: unrecoverable, so anything but generated output and temp files is refused. */
const shredCheck: ProgramCheck = {
  programs: ['shred', 'srm', 'wipe'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, {
      shortWithValue: 'nsx',
      longWithValue: ['iterations', 'size', 'random-source'],
    });
    for (const operand of parsed.operands) {
      const target = context.classify(operand);
      if (target.kind === 'device') context.report(writeDevice);
      else if (target.kind !== 'project-build' && target.kind !== 'temp') context.report(shred);
    }
  },
};

const RSYNC_VALUES = [
  'exclude',
  'include',
  'filter',
  'rsh',
  'rsync-path',
  'files-from',
  'exclude-from',
  'include-from',
  'backup-dir',
  'chmod',
  'chown',
  'port',
  'log-file',
  'partial-dir',
  'temp-dir',
  'compare-dest',
  'link-dest',
  'copy-dest',
  'timeout',
  'bwlimit',
  'password-file',
  'max-size',
  'min-size',
  'suffix',
  'out-format',
  'info',
  'debug',
  'usermap',
  'groupmap',
  'iconv',
  'checksum-choice',
  'compress-choice',
];

/** rsync: --delete empties what the source lacks; --remove-source-files deletes the source. */
const rsync: ProgramCheck = {
  programs: ['rsync'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, { shortWithValue: 'eBfTM', longWithValue: RSYNC_VALUES });
    const deletes = [...parsed.flags].some((flag) => flag.startsWith('delete') || flag === 'del');
    const destination = parsed.operands[parsed.operands.length - 1];
    const sources = parsed.operands.slice(0, -1);
    if (destination && isRemote(destination.value)) context.noteNetworkSend(invocation.text);
    if (destination && !isRemote(destination.value)) {
      const target = context.classify(destination);
      if (deletes && target.kind !== 'project-build' && target.kind !== 'temp') context.report(syncDelete);
      reportWrite(target, invocation.text, context);
    }
    if (parsed.flags.has('remove-source-files')) {
      for (const source of sources) reportDelete(context.classify(source), true, invocation.text, context);
    }
  },
};

/** mv: moving a protected directory away (or into /dev/null) deletes it; the destination is a write. */
const mv: ProgramCheck = {
  programs: ['mv'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, {
      shortWithValue: 'tS',
      longWithValue: ['target-directory', 'suffix', 'backup'],
    });
    const explicitTarget = parsed.values.get('t')?.[0] ?? parsed.values.get('target-directory')?.[0];
    const destination = explicitTarget ?? parsed.operands[parsed.operands.length - 1];
    const sources = explicitTarget ? parsed.operands : parsed.operands.slice(0, -1);
    if (!destination) return;
    const target = context.classify(destination);
    for (const source of sources) {
      const from = context.classify(source);
      if (from.protected) context.report(editConfig);
      const away = [
        'root',
        'system',
        'device',
        'home',
        'home-sensitive',
        'project-root',
        'project-vcs',
      ].includes(from.kind);
      if (away || target.kind === 'null-device') context.report(moveAway);
      else if (
        from.kind === 'unknown' &&
        target.kind !== 'project-source' &&
        target.kind !== 'project-build'
      ) {
        context.report(rmUnknown);
      }
    }
    if (target.kind !== 'null-device') reportWrite(target, invocation.text, context);
  },
};

/** tar --remove-files deletes its inputs. */
const tar: ProgramCheck = {
  programs: ['tar', 'bsdtar', 'gtar'],
  check(invocation, context) {
    if (!invocation.args.some((arg) => arg.value === '--remove-files')) return;
    const parsed = parseFlags(invocation.args, {
      shortWithValue: 'fCTXbIHK',
      longWithValue: ['file', 'directory', 'exclude'],
    });
    const wide = parsed.operands.map((operand) => context.classify(operand));
    if (wide.some((path) => !['project-build', 'temp', 'project-source'].includes(path.kind))) {
      context.report(removeSources);
    }
  },
};

function isRemote(value: string): boolean {
  return /^[^/]*:/.test(value) && !value.startsWith('./');
}

export const deleteChecks: readonly ProgramCheck[] = [rm, shredCheck, rsync, mv, tar];
