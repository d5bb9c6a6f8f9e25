import { parseFlags, type FlagSpec } from '../../../flags/parse-flags.js';
import type { CheckContext, Invocation, ProgramCheck, Stdin } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';
import { hostOf, serviceOwns } from '../../../trust/hosts.js';
import { UNKNOWN } from '../../../syntax/arg.js';
import { foreignPush, secretSent, upload } from './rules.js';
import { secretsInArgs } from './secret-names.js';
import { onlyFor } from './words.js';

// Data leaving through network programs: where a command sends (hosts), what it sends (files, piped output,
// token variables), and whether the host may receive it.

/** What a network command sends and to whom. */
interface Flow {
  /** hosts it talks to; UNKNOWN when only known at run time */
  readonly hosts: readonly string[];
  /** local files it uploads (`-` is its standard input) */
  readonly files: readonly Arg[];
  /** it sends its standard input */
  readonly sendsStdin: boolean;
  /** it copies directories recursively (scp -r, rsync -a) */
  readonly recursive: boolean;
}

const CURL: FlagSpec = {
  shortWithValue: 'oduHXTFAeEKrwmyYzbcxUQ',
  longWithValue: [
    'output',
    'output-dir',
    'data',
    'data-binary',
    'data-raw',
    'data-ascii',
    'data-urlencode',
    'json',
    'header',
    'request',
    'upload-file',
    'form',
    'form-string',
    'user-agent',
    'referer',
    'config',
    'max-time',
    'cookie',
    'user',
    'url',
    'proxy',
    'connect-timeout',
    'retry',
    'cert',
    'key',
    'cacert',
    'resolve',
    'connect-to',
    'write-out',
    'oauth2-bearer',
    'aws-sigv4',
    'variable',
    'expand-url',
  ],
  aliases: { data: 'd', form: 'F', 'upload-file': 'T', header: 'H', user: 'u', request: 'X' },
};

/** Values of data options that read a file: `@file`, `@-`; form fields `name=@file` and `name=<file`. */
function curlFiles(parsed: ReturnType<typeof parseFlags>): Arg[] {
  const files: Arg[] = (parsed.values.get('T') ?? []).map((file) =>
    file.value === '.' ? { ...file, value: '-' } : file,
  );
  for (const option of ['d', 'data-binary', 'data-ascii', 'json', 'data-urlencode']) {
    for (const value of parsed.values.get(option) ?? []) {
      const at = /^(?:[^=@]*=)?@(.+)$/.exec(value.value);
      if (at?.[1]) files.push({ ...value, value: at[1] });
    }
  }
  for (const value of parsed.values.get('F') ?? []) {
    const at = /^[^=]*=[@<]([^;]+)/.exec(value.value);
    if (at?.[1]) files.push({ ...value, value: at[1] });
  }
  return files;
}

/** The flow of one network command, or undefined for programs that send nothing of ours. */
function flowOf(invocation: Invocation): Flow | undefined {
  const { program, args } = invocation;
  switch (program) {
    case 'curl': {
      const parsed = parseFlags(args, CURL);
      const urls = [...parsed.operands, ...(parsed.values.get('url') ?? [])];
      const files = curlFiles(parsed);
      return {
        hosts: urls.map((url) => hostOrUnknown(url, true)).filter(isHost),
        files,
        sendsStdin: files.some((file) => file.value === '-'),
        recursive: false,
      };
    }
    case 'wget': {
      const parsed = parseFlags(args, {
        shortWithValue: 'OPoaeUtTwQ',
        longWithValue: [
          'post-file',
          'body-file',
          'post-data',
          'header',
          'output-document',
          'directory-prefix',
        ],
      });
      return {
        hosts: parsed.operands.map((url) => hostOrUnknown(url, true)).filter(isHost),
        files: [...(parsed.values.get('post-file') ?? []), ...(parsed.values.get('body-file') ?? [])],
        sendsStdin: false,
        recursive: false,
      };
    }
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs':
    case 'httpie': {
      const operands = args.filter((arg) => !arg.value.startsWith('-'));
      const start = /^[A-Za-z]+$/.test(operands[0]?.value ?? '') && operands.length > 1 ? 1 : 0;
      const url = operands[start];
      const files = operands.slice(start + 1).flatMap((item) => {
        const file = /^[^=:@]+(?:=|:=)?@(.+)$/.exec(item.value)?.[1];
        return file ? [{ ...item, value: file }] : [];
      });
      return {
        hosts: url ? [hostOrUnknown(url, true) ?? UNKNOWN] : [],
        files,
        sendsStdin: invocation.stdin.kind === 'pipe' || invocation.stdin.kind === 'file',
        recursive: false,
      };
    }
    case 'nc':
    case 'ncat':
    case 'netcat':
    case 'telnet': {
      const parsed = parseFlags(args, { shortWithValue: 'pqwisxIO' });
      if (parsed.flags.has('l')) return undefined;
      const host = parsed.operands[0];
      return { hosts: host ? [plainHost(host)] : [], files: [], sendsStdin: true, recursive: false };
    }
    case 'ssh':
    case 'autossh':
    case 'mosh': {
      const parsed = parseFlags(args, { shortWithValue: 'BbcDEeFIiJLlmOopQRSWw', stopAtOperand: true });
      const host = parsed.operands[0];
      return {
        hosts: host ? [hostOf(host.value) ?? plainHost(host)] : [],
        files: [],
        sendsStdin: parsed.operands.length > 1 && !parsed.flags.has('n'),
        recursive: false,
      };
    }
    case 'scp':
    case 'rsync':
    case 'sftp': {
      const parsed = parseFlags(args, {
        shortWithValue: program === 'rsync' ? 'eBfT' : 'cFiJloPS',
        longWithValue: [
          'rsh',
          'exclude',
          'include',
          'filter',
          'files-from',
          'exclude-from',
          'rsync-path',
          'port',
        ],
      });
      const operands = parsed.operands;
      const destination = operands[operands.length - 1];
      const remote = destination ? hostOf(destination.value) : undefined;
      if (!remote || operands.length < 2) return undefined;
      return {
        hosts: [remote],
        files: operands.slice(0, -1).filter((arg) => hostOf(arg.value) === undefined),
        sendsStdin: false,
        recursive:
          program === 'rsync'
            ? [...parsed.flags].some((flag) => /^(a|r|recursive|archive)$/.test(flag))
            : parsed.flags.has('r'),
      };
    }
    default:
      return undefined;
  }
}

function isHost(host: string | undefined): host is string {
  return host !== undefined;
}

function hostOrUnknown(arg: Arg, bare: boolean): string | undefined {
  return hostOf(arg.value, { bare });
}

function plainHost(arg: Arg): string {
  const host = arg.value
    .replace(/^[^@]*@/, '')
    .replace(/:.*$/, '')
    .toLowerCase();
  return arg.dynamic || host === '' ? UNKNOWN : host;
}

/** Programs whose output is a database's contents, or the repository itself. */
const DUMPERS = new Set([
  'pg_dump',
  'pg_dumpall',
  'mysqldump',
  'mariadb-dump',
  'mongodump',
  'mongoexport',
  'pg_basebackup',
]);
/** Archivers: their output is bulk when what they archive is the project, its history, or home. */
const ARCHIVERS = new Set(['tar', 'bsdtar', 'zip', '7z', '7za', 'cpio', 'pax']);
/** Path classes whose contents, sent away, are the project's code or someone's files. */
const BULK_KINDS = new Set([
  'project-root',
  'project-source',
  'project-vcs',
  'home',
  'home-sensitive',
  'root',
  'outside-project',
  'system',
]);

/** Files whose upload is a dump of a database or a bundle of the repository. */
const DUMP_FILE = /\.(sql|dump|bak|bundle|db|sqlite3?|duckdb|rdb|bson)(\.(gz|xz|zst|bz2))?$/i;

/** HTTP and raw-socket senders: any upload of ours to a foreign host is held; ssh copies only when bulk. */
const HTTP_SENDERS = new Set([
  'curl',
  'wget',
  'http',
  'https',
  'xh',
  'xhs',
  'httpie',
  'nc',
  'ncat',
  'netcat',
  'telnet',
]);

/** Judges what a command sends to a host it does not trust. */
function judgePayload(flow: Flow, invocation: Invocation, context: CheckContext): void {
  let bulk = false;
  let sends = false;
  for (const file of flow.files) {
    if (file.value === '-') continue;
    const path = context.classify(file);
    sends = true;
    if (path.secret) return;
    if (
      ['project-root', 'project-vcs', 'home', 'root'].includes(path.kind) ||
      DUMP_FILE.test(file.value) ||
      (flow.recursive && BULK_KINDS.has(path.kind))
    )
      bulk = true;
  }
  if (flow.sendsStdin) {
    const verdict = stdinPayload(invocation.stdin, context);
    if (verdict === 'bulk') bulk = true;
    if (verdict !== 'none') sends = true;
  }
  if (bulk) context.report(foreignPush);
  else if (sends && HTTP_SENDERS.has(invocation.program)) context.report(upload);
}

/** What standard input carries: a dump or an archive of the project (`bulk`), other data, or nothing of ours. */
function stdinPayload(stdin: Stdin, context: CheckContext): 'bulk' | 'data' | 'none' {
  switch (stdin.kind) {
    case 'terminal':
    case 'text':
      return 'none';
    case 'file': {
      const path = context.classify(stdin.path);
      return DUMP_FILE.test(stdin.path.value) || path.kind === 'project-vcs' ? 'bulk' : 'data';
    }
    case 'pipe': {
      const from = stdin.from;
      if (!from) return 'data';
      if (from.program === 'echo' || from.program === 'printf') return 'none';
      if (DUMPERS.has(from.program)) return 'bulk';
      if (from.program === 'git')
        return /^(archive|bundle|format-patch|fast-export)$/.test(
          from.args.find((arg) => !arg.value.startsWith('-'))?.value ?? '',
        )
          ? 'bulk'
          : 'data';
      if (from.program === 'sqlite3' || from.program === 'duckdb')
        return from.args.some((arg) => /\.dump/.test(arg.value)) ? 'bulk' : 'data';
      if (ARCHIVERS.has(from.program)) {
        return archivedPaths(from.args).some((arg) => BULK_KINDS.has(context.classify(arg).kind))
          ? 'bulk'
          : 'data';
      }
      return 'data';
    }
  }
}

/** What an archiver archives: its operands, without the archive name (`-f NAME`, tar's `czf NAME`) and `-`. */
function archivedPaths(args: readonly Arg[]): Arg[] {
  const paths: Arg[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = (args[i] as Arg).value;
    const bundle = /^-?[A-Za-z]+$/.test(value) && (value.startsWith('-') || i === 0);
    if (bundle && /f$/.test(value)) i++;
    else if (!bundle && value !== '-' && !value.startsWith('-')) paths.push(args[i] as Arg);
  }
  return paths;
}

/** Token variables in the command, sent to a host they are not meant for. */
function judgeSecrets(flow: Flow, invocation: Invocation, context: CheckContext): void {
  const names = secretsInArgs(invocation.args);
  if (names.length === 0) return;
  const foreign = (host: string) =>
    !context.trust.host(host) && !names.every((name) => host !== UNKNOWN && serviceOwns(name, host));
  if (flow.hosts.length === 0 || flow.hosts.some(foreign)) context.report(secretSent);
}

/** Every network command: a token sent to a foreign host is blocked; code or dumps sent there too; other uploads held. */
const networkFlows: ProgramCheck = onlyFor(
  [...HTTP_SENDERS, 'ssh', 'autossh', 'mosh', 'scp', 'rsync', 'sftp'],
  {
    check(invocation, context) {
      const flow = flowOf(invocation);
      if (!flow) return;
      judgeSecrets(flow, invocation, context);
      if (flow.hosts.length > 0 && flow.hosts.every((host) => context.trust.host(host))) return;
      judgePayload(flow, invocation, context);
    },
  },
);

export const flowChecks: readonly ProgramCheck[] = [networkFlows];
