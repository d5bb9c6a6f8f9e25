import type { ProgramCheck } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';
import { removeSources } from '../fs/rules.js';
import { extractOver, moveTreeAway, removePermissions } from './rules.js';
import { TEMP_DIRS } from '../../../paths/path-names.js';

// Files destroyed by tools that are not rm: archivers that delete what they archive, extraction over / or the
// home directory, the source tree moved out of the project, and permissions taken away recursively.

/** Path classes an archiver may delete after archiving, or a move may carry off: generated and temporary files. */
const DISPOSABLE = new Set(['project-build', 'temp']);
/** Where extracting an archive overwrites what a machine or a person depends on. */
const PRECIOUS_DESTINATION = new Set(['root', 'system', 'home', 'home-sensitive', 'device']);

/** zip -m / --move, 7z -sdel, rar -df or `rar m`: the inputs are deleted once archived. */
const deletingArchivers: ProgramCheck = {
  programs: ['zip', '7z', '7za', '7zz', 'rar', 'bsdtar', 'tar', 'gtar'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const deletes =
      invocation.program === 'zip'
        ? values.some((value) => value === '--move' || /^-[a-zA-Z]*m[a-zA-Z]*$/.test(value))
        : invocation.program === 'rar'
          ? values.includes('-df') || values[0] === 'm'
          : invocation.program.startsWith('7z')
            ? values.includes('-sdel')
            : values.includes('--remove-files');
    if (!deletes) return;
    // the first operand is the archive (or, for 7z and rar, the command then the archive)
    const operands = invocation.args.filter((arg) => !arg.value.startsWith('-'));
    const inputs = /tar$/.test(invocation.program)
      ? operands.filter((arg) => !/\.(tar|tgz|tbz2?|txz|gz|bz2|xz|zst|zip|7z)$/.test(arg.value))
      : operands.slice(invocation.program === 'zip' ? 1 : 2);
    if (inputs.some((input) => !DISPOSABLE.has(context.classify(input).kind))) context.report(removeSources);
  },
};

/** The destination directory of an extraction, by program. */
function extractionTarget(program: string, args: readonly Arg[]): Arg | undefined {
  const values = args.map((arg) => arg.value);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    if (/^tar|bsdtar|gtar$/.test(program)) {
      if (value === '-C' || value === '--directory') return args[i + 1];
      if (value.startsWith('--directory=')) return { ...(args[i] as Arg), value: value.slice(12) };
      if (/^-[a-zA-Z]*C$/.test(value) && value.length > 2) return args[i + 1];
    }
    if (program === 'unzip' && value === '-d') return args[i + 1];
    if (program.startsWith('7z') && value.startsWith('-o') && value.length > 2)
      return { ...(args[i] as Arg), value: value.slice(2) };
    if (program === 'cpio' && (value === '-D' || value === '--directory')) return args[i + 1];
    if (program === 'cpio' && value.startsWith('--directory='))
      return { ...(args[i] as Arg), value: value.slice(12) };
  }
  return undefined;
}

/** Extracting over /, a system directory or the home directory replaces files there. */
const extraction: ProgramCheck = {
  programs: ['tar', 'bsdtar', 'gtar', 'unzip', '7z', '7za', '7zz', 'cpio'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const extracts =
      invocation.program === 'unzip' ||
      (invocation.program === 'cpio' &&
        values.some((value) => /^-[a-zA-Z]*i/.test(value) || value === '--extract')) ||
      (invocation.program.startsWith('7z') && (values[0] === 'x' || values[0] === 'e')) ||
      (/tar$/.test(invocation.program) &&
        values.some(
          (value) =>
            value === '--extract' ||
            value === '--get' ||
            (/^-?[a-zA-Z]*x/.test(value) && !value.startsWith('--')),
        ));
    if (!extracts) return;
    const target = extractionTarget(invocation.program, invocation.args);
    const where = target
      ? context.classify(target)
      : invocation.cwd === undefined
        ? undefined
        : context.classify(invocation.cwd);
    // a temporary directory itself (`-C /tmp`) only gains entries below it, each a temp file
    if (where && PRECIOUS_DESTINATION.has(where.kind) && !TEMP_DIRS.includes(where.path))
      context.report(extractOver);
  },
};

/** mv of a project directory out of the project (to /tmp, a trash, elsewhere): the tree is gone from the project. */
const moveAway: ProgramCheck = {
  programs: ['mv'],
  check(invocation, context) {
    const operands = invocation.args.filter((arg) => !arg.value.startsWith('-'));
    if (operands.length < 2) return;
    const destination = context.classify(operands[operands.length - 1] as Arg);
    const outside =
      ['temp', 'outside', 'home', 'system', 'null-device'].includes(destination.kind) ||
      /\/\.Trash(\/|$)/.test(destination.path);
    if (!outside) return;
    for (const source of operands.slice(0, -1)) {
      const from = context.classify(source);
      const tree = from.kind === 'project-source' && !/\.[\w]+$/.test(source.value);
      const everything = from.glob === 'all' && from.kind.startsWith('project');
      const homeTree = from.kind === 'outside' && /\/\.Trash(\/|$)/.test(destination.path);
      if (tree || everything || homeTree) context.report(moveTreeAway);
    }
  },
};

/** chmod -R removing access in the project (`000`, `a-rwx`, `u-w`): nothing can be read or written back. */
const permissions: ProgramCheck = {
  programs: ['chmod'],
  check(invocation, context) {
    const recursive = invocation.args.some(
      (arg) => /^-[a-zA-Z]*R/.test(arg.value) || arg.value === '--recursive',
    );
    if (!recursive) return;
    const operands = invocation.args.filter(
      (arg) => !/^-[a-zA-Z]+$/.test(arg.value) && !arg.value.startsWith('--'),
    );
    const [mode, ...files] = operands;
    if (!mode) return;
    // the owner loses read or write: `000`, `0044`, `a-rwx`, `u-w`, `-r` (`go-w` only tightens others' access)
    const removes =
      /^0?0[0-7]{2}$|^0+$/.test(mode.value) ||
      mode.value.split(',').some((clause) => /^(|[ugoa]*[ua][ugoa]*)-[rwxXst]*[rw]/.test(clause));
    if (!removes) return;
    if (
      files.some((file) =>
        ['project-root', 'project-source', 'project-vcs', 'home', 'outside'].includes(
          context.classify(file).kind,
        ),
      )
    )
      context.report(removePermissions);
  },
};

/** setfacl on system paths or recursively outside the project opens or strips access there. */
const acls: ProgramCheck = {
  programs: ['setfacl'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const recursive = values.some((value) => /^-[a-zA-Z]*R/.test(value) || value === '--recursive');
    const files = invocation.args.filter(
      (arg, index) =>
        !arg.value.startsWith('-') &&
        !/^(-[mMxX]|--(modify|remove|set)(-file)?)$/.test(values[index - 1] ?? ''),
    );
    for (const file of files) {
      const kind = context.classify(file).kind;
      if (['root', 'system', 'device', 'home-sensitive'].includes(kind) || (recursive && kind === 'home'))
        context.report(removePermissions);
    }
  },
};

export const archiveChecks: readonly ProgramCheck[] = [
  deletingArchivers,
  extraction,
  moveAway,
  permissions,
  acls,
];
