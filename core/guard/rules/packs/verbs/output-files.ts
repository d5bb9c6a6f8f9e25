import { parseFlags, type ParsedFlags } from '../../../flags/parse-flags.js';
import type { Invocation, ProgramCheck } from '../../../invocation.js';
import { literalArg, type Arg } from '../../../syntax/arg.js';
import { reportWrite } from '../fs/writes.js';

// Programs that write a file named by an option or an operand (`sort -o FILE`, `uniq IN OUT`, `patch FILE`,
// `gpg -o FILE`, `ssh-keygen -f FILE`, `cc -o FILE`, `scp host:x FILE`): the file is judged like a redirect's
// target, so a system file, a login script or a credential is refused whatever program writes it.

/** How one program family names the files it writes. */
interface OutputSpec {
  readonly programs: readonly string[];
  /** short options that take a value, so operands are found right */
  readonly shortWithValue?: string;
  /** long options that take a value */
  readonly longWithValue?: readonly string[];
  /** options (canonical names) whose value is a written file */
  readonly options?: readonly string[];
  /** which operands are written: their indexes (negative counts from the end), or every one */
  readonly operands?: readonly number[] | 'all';
  /** when the written files are only written in some modes: the files it writes for this command line */
  readonly select?: (parsed: ParsedFlags, args: readonly Arg[], invocation: Invocation) => readonly Arg[];
  /** a compiler: what it writes is built from its operands, and is only as new as they are */
  readonly compiles?: true;
}

/** Operands that are not remote (`host:path`, `s3://…`, `pod:/x`): those name files on this machine. */
const isLocal = (arg: Arg): boolean => !/^([\w.@-]+:|[a-z0-9]+:\/\/)/i.test(arg.value);

/** ssh-keygen modes that only read a key (list, print, fingerprint, find, convert to stdout). */
const SSH_KEYGEN_READS = ['l', 'y', 'e', 'i', 'B', 'L', 'Q', 'F', 'R', 'H', 'k', 'Y', 'G', 'T', 'D'];

const OUTPUTS: readonly OutputSpec[] = [
  {
    programs: ['sort', 'gsort'],
    shortWithValue: 'oSTkt',
    longWithValue: ['output', 'buffer-size', 'temporary-directory', 'key', 'field-separator', 'files0-from'],
    options: ['o', 'output'],
  },
  {
    programs: ['uniq'],
    shortWithValue: 'fsw',
    longWithValue: ['skip-fields', 'skip-chars', 'check-chars'],
    operands: [1],
  },
  {
    programs: ['patch'],
    shortWithValue: 'oipdDrBVYzFg',
    longWithValue: ['output', 'input', 'strip', 'directory', 'reject-file', 'prefix', 'suffix', 'fuzz'],
    options: ['o', 'output', 'r', 'reject-file'],
    operands: [0],
  },
  {
    // ssh-keygen asks before it overwrites a key: only a supplied answer (`<<< y`, `yes |`) or a new passphrase
    // (-p) changes a key that is there
    programs: ['ssh-keygen'],
    shortWithValue: 'abCDEFfIJjKmMNnOPrRstVwYzZ',
    select(parsed, _args, invocation) {
      if (SSH_KEYGEN_READS.some((flag) => parsed.flags.has(flag))) return [];
      if (!parsed.flags.has('p') && invocation.stdin.kind === 'terminal') return [];
      const type = parsed.values.get('t')?.[0]?.value ?? 'rsa';
      return [parsed.values.get('f')?.[0] ?? literalArg(`~/.ssh/id_${type}`)];
    },
  },
  {
    programs: ['gpg', 'gpg2'],
    shortWithValue: 'oruR',
    longWithValue: [
      'output',
      'recipient',
      'local-user',
      'homedir',
      'default-key',
      'passphrase',
      'passphrase-file',
    ],
    options: ['o', 'output'],
  },
  {
    programs: ['openssl'],
    select: (_, args) => args.filter((_arg, index) => /^-(out|keyout)$/.test(args[index - 1]?.value ?? '')),
  },
  { programs: ['xxd'], shortWithValue: 'cglosn', operands: [1] },
  {
    programs: ['base64', 'gbase64'],
    shortWithValue: 'ow',
    longWithValue: ['output', 'wrap'],
    options: ['o', 'output'],
  },
  {
    programs: ['iconv'],
    shortWithValue: 'fto',
    longWithValue: ['from-code', 'to-code', 'output'],
    options: ['o', 'output'],
  },
  {
    programs: ['csplit', 'gcsplit'],
    shortWithValue: 'fbn',
    longWithValue: ['prefix', 'suffix-format', 'digits'],
    options: ['f', 'prefix'],
  },
  {
    programs: ['zstd', 'zstdmt', 'unzstd', 'lz4', 'brotli'],
    shortWithValue: 'oDTBL',
    longWithValue: ['output', 'dict'],
    options: ['o', 'output'],
  },
  { programs: ['dos2unix', 'unix2dos', 'mac2unix', 'unix2mac'], operands: 'all' },
  {
    programs: ['touch'],
    shortWithValue: 'dtr',
    longWithValue: ['date', 'reference', 'time'],
    operands: 'all',
  },
  { programs: ['sponge'], operands: [0] },
  {
    programs: ['yq'],
    shortWithValue: 'opIM',
    longWithValue: ['output-format', 'input-format', 'indent', 'expression', 'front-matter'],
    select: (parsed, args) =>
      args.some((arg) => /^(-[a-zA-Z]*i|--inplace)$/.test(arg.value))
        ? parsed.operands.slice(parsed.values.has('expression') ? 0 : 1)
        : [],
  },
  {
    programs: ['zip'],
    shortWithValue: 'bntO',
    longWithValue: ['output-file', 'temp-path', 'suffixes'],
    options: ['O', 'output-file'],
    operands: [0],
  },
  {
    programs: ['tar', 'gtar', 'bsdtar'],
    select(_, args) {
      const values = args.map((arg) => arg.value);
      const first = values[0] ?? '';
      const creates =
        /^-?[a-zA-Z]*[cru]/.test(first) && !first.startsWith('--')
          ? true
          : values.some((value) => /^(--create|--append|--update|-[a-zA-Z]*[cru][a-zA-Z]*)$/.test(value));
      if (!creates) return [];
      const files: Arg[] = [];
      args.forEach((arg, index) => {
        if (arg.value.startsWith('--file=')) files.push({ ...arg, value: arg.value.slice(7) });
        else if (/^(-?[a-zA-Z]*f|--file)$/.test(arg.value) && (index === 0 || arg.value.startsWith('-'))) {
          const next = args[index + 1];
          if (next) files.push(next);
        }
      });
      return files;
    },
  },
  { programs: ['convert', 'magick', 'ffmpeg'], select: (parsed) => parsed.operands.slice(-1) },
  {
    programs: ['pandoc'],
    shortWithValue: 'oftrM',
    longWithValue: ['output', 'from', 'to', 'read', 'write', 'metadata', 'template', 'defaults'],
    options: ['o', 'output'],
  },
  {
    programs: ['gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'ld', 'rustc', 'tcc'],
    shortWithValue: 'oIlLDUx',
    options: ['o'],
    compiles: true,
  },
  {
    programs: ['go'],
    shortWithValue: 'o',
    longWithValue: ['o'],
    compiles: true,
    select: (parsed) =>
      /^(build|test)$/.test(parsed.operands[0]?.value ?? '') ? (parsed.values.get('o') ?? []) : [],
  },
  { programs: ['scp', 'docker', 'podman', 'kubectl'], shortWithValue: 'PiFoclSJ', select: copyDestination },
  { programs: ['aws', 'gsutil', 'gcloud'], select: copyDestination },
  {
    // `aws configure set KEY VALUE` rewrites the shared credentials or config file
    programs: ['aws'],
    longWithValue: ['profile', 'region', 'output', 'endpoint-url', 'query', 'color', 'ca-bundle'],
    select(parsed) {
      const [group, verb, key = ''] = parsed.operands.map((arg) => arg.value);
      if (group !== 'configure' || verb !== 'set') return [];
      const secret = /(^|\.)(aws_access_key_id|aws_secret_access_key|aws_session_token)$/.test(key);
      return [literalArg(secret ? '~/.aws/credentials' : '~/.aws/config')];
    },
  },
];

/**
 * The local destination of a copy from a remote or a container: `scp host:x FILE`, `docker cp c:/x FILE`,
 * `kubectl cp pod:/x FILE`, `aws s3 cp s3://b/x FILE`, `gsutil cp gs://b/x FILE`.
 */
function copyDestination(parsed: ParsedFlags): readonly Arg[] {
  const words = parsed.operands.map((arg) => arg.value);
  const verb = words.slice(0, 3).findIndex((word) => /^(cp|mv|sync|rsync)$/.test(word));
  const copied = verb < 0 ? parsed.operands : parsed.operands.slice(verb + 1);
  const last = copied[copied.length - 1];
  if (copied.length < 2 || !last || !isLocal(last)) return [];
  return copied.slice(0, -1).some((source) => !isLocal(source)) ? [last] : [];
}

/** The files one command line writes, by its program's spec. */
function writtenFiles(spec: OutputSpec, invocation: Invocation): readonly Arg[] {
  const args = invocation.args;
  const parsed = parseFlags(args, {
    ...(spec.shortWithValue ? { shortWithValue: spec.shortWithValue } : {}),
    ...(spec.longWithValue ? { longWithValue: spec.longWithValue } : {}),
  });
  const files: Arg[] = [];
  for (const option of spec.options ?? []) files.push(...(parsed.values.get(option) ?? []));
  if (spec.operands === 'all') files.push(...parsed.operands);
  else
    for (const index of spec.operands ?? []) {
      const operand = parsed.operands.at(index);
      if (operand) files.push(operand);
    }
  if (spec.select) files.push(...spec.select(parsed, args, invocation));
  return files.filter((file) => file.value !== '-' && !file.processSubstitution);
}

/** One check per program family: each written file is judged as a write. */
export const outputChecks: readonly ProgramCheck[] = OUTPUTS.map((spec) => ({
  programs: spec.programs,
  check(invocation, context) {
    // a binary built from sources the line did not write runs project code; from sources it wrote, new code
    const how =
      spec.compiles &&
      !invocation.args.some((arg) => {
        const origin = arg.dynamic ? undefined : context.writtenBy(context.classify(arg));
        return origin === 'local' || origin === 'network';
      })
        ? 'compiled'
        : 'local';
    for (const file of writtenFiles(spec, invocation))
      reportWrite(context.classify(file), invocation.text, context, how);
  },
}));
