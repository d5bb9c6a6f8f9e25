import type { ProgramCheck } from '../../../invocation.js';
import { remoteSystemWrite, remount } from './rules.js';

// Copies onto another machine's system paths or login files (`scp x host:/etc/…`), and remounts.

/** Paths whose files run or configure a machine (application directories like /srv or /opt are a deploy). */
const MACHINE_PATHS =
  /^\/+(etc|usr|bin|sbin|lib|lib32|lib64|boot|root|sys|proc|dev|System|Library|var\/spool|var\/lib)?(\/|$)|^\/+[^/]+$/;

const remoteCopy: ProgramCheck = {
  programs: ['scp', 'rsync', 'sftp-put'],
  check(invocation, context) {
    // options that take a value (`-e 'ssh -p 2222'`, `-i key`, `-P 2222`) are not operands
    const operands = invocation.args.filter(
      (arg, index) =>
        !arg.value.startsWith('-') &&
        !/^-(e|i|o|P|p|F|S|c|l|J|f)$|^--(rsh|exclude|include|filter|port)$/.test(
          invocation.args[index - 1]?.value ?? '',
        ),
    );
    const target = operands[operands.length - 1];
    if (!target || operands.length < 2) return;
    const remote = /^(?:[\w.-]+@)?[\w.-]+:(?!\/\/)(.*)$/s.exec(target.value);
    if (!remote || target.value.startsWith('/') || target.value.startsWith('.')) return;
    const path = remote[1] ?? '';
    // the remote side's paths: absolute ones mean the same on every Unix; relative ones start at its home
    const base = path.startsWith('/') ? path : `~/${path.replace(/^~\/?/, '')}`;
    // into a directory (`host:/tmp/`): the file lands below it, named like the source
    const source = (operands[0]?.value ?? 'file').replace(/\/+$/, '');
    const local = base.endsWith('/') ? `${base}${source.slice(source.lastIndexOf('/') + 1)}` : base;
    const machine =
      local.startsWith('/') && MACHINE_PATHS.test(local) && !/^\/+(tmp|var\/tmp)(\/|$)/.test(local);
    if (machine || context.classify(local).kind === 'home-sensitive') context.report(remoteSystemWrite);
  },
};

const mounts: ProgramCheck = {
  programs: ['mount', 'umount'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    if (invocation.program === 'mount') {
      const remounts = values.some(
        (value, index) =>
          (values[index - 1] === '-o' || value.startsWith('-o')) && /(^|,|-o)remount/.test(value),
      );
      if (remounts || values.some((value) => /^(--bind|--rbind|--move|-B|-M|-R)$/.test(value)))
        context.report(remount);
      return;
    }
    const targets = invocation.args.filter((arg) => !arg.value.startsWith('-'));
    if (targets.some((arg) => ['root', 'system', 'home'].includes(context.classify(arg).kind)))
      context.report(remount);
  },
};

export const remoteCopyChecks: readonly ProgramCheck[] = [remoteCopy, mounts];
