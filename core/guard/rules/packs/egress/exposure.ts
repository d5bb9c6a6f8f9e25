import type { CheckContext, ProgramCheck } from '../../../invocation.js';
import { hostOf } from '../../../trust/hosts.js';
import { openMachine, printSecret, publish, secretSent } from './rules.js';
import { isSecretName, secretsInArgs } from './secret-names.js';
import { onlyFor, optionValues, plainWords } from './words.js';

// Secrets shown where they do not belong: printed into the transcript, posted as a gist, read by a one-liner
// that talks to the network; and this machine's files served to anyone who connects.

/** Programs that print their arguments. */
const ECHOES = new Set(['echo', 'printf', 'print', 'say']);
/** Programs that print a whole file's content. */
const PRINTERS = new Set([
  'cat',
  'tac',
  'head',
  'tail',
  'less',
  'more',
  'bat',
  'batcat',
  'nl',
  'strings',
  'xxd',
  'od',
  'hexdump',
  'base64',
]);

/** True when a command's output goes to the terminal (not a pipe, not a file). */
function printsToTerminal(text: string, piped: boolean | undefined): boolean {
  return !piped && !/(^|[^<>&0-9])(\d?>{1,2}|&>)\s*(?!&|\/dev\/(stdout|stderr|tty))[^\s&]/.test(text);
}

const printedSecrets: ProgramCheck = {
  programs: ['*'],
  check(invocation, context) {
    const { program, args } = invocation;
    if (ECHOES.has(program)) {
      if (printsToTerminal(invocation.text, invocation.stdoutPiped) && secretsInArgs(args).length > 0)
        context.report(printSecret);
      return;
    }
    if (!PRINTERS.has(program) || !printsToTerminal(invocation.text, invocation.stdoutPiped)) return;
    for (const arg of args) {
      if (arg.value.startsWith('-') || !/\.env|\/\.|^\.|\//.test(arg.value)) continue;
      const path = context.classify(arg);
      if (path.secret && path.kind === 'project-source') context.report(printSecret);
    }
  },
};

/** `gh gist create FILE`: a secret file is sent to the code host; any other file is published. */
const gists: ProgramCheck = onlyFor(['gh', 'glab'], {
  check(invocation, context) {
    const words = plainWords(invocation.args, 'dfF');
    const pair = words.slice(0, 2).join(' ');
    if (pair !== 'gist create' && pair !== 'snippet create' && pair !== 'gist new') return;
    const files = words.slice(2);
    if (files.some((file) => context.classify(file).secret)) context.report(secretSent);
    else context.report(publish);
  },
});

/** Static file servers and the directory they serve: home, the root or a system directory is open to the network. */
const fileServers: ProgramCheck = onlyFor(
  ['python', 'python3', 'python2', 'php', 'ruby', 'http-server', 'serve', 'busybox', 'darkhttpd', 'caddy'],
  {
    check(invocation, context) {
      const { program, args } = invocation;
      const values = args.map((arg) => arg.value);
      let directory: string | undefined;
      let bind: string | undefined;
      if (program.startsWith('python')) {
        const module = optionValues(args, '-m')[0]?.value;
        if (module !== 'http.server' && module !== 'SimpleHTTPServer') return;
        directory = optionValues(args, '--directory', '-d')[0]?.value;
        bind = optionValues(args, '--bind', '-b')[0]?.value;
      } else if (program === 'php') {
        const at = values.indexOf('-S');
        if (at < 0) return;
        bind = values[at + 1];
        directory = optionValues(args, '-t')[0]?.value;
      } else if (program === 'ruby') {
        if (!values.includes('httpd')) return;
        directory = plainWords(args, 'er').filter((word) => word !== 'httpd')[0];
      } else if (program === 'busybox') {
        if (values[0] !== 'httpd') return;
        directory = optionValues(args, '-h')[0]?.value;
      } else if (program === 'caddy') {
        if (values[0] !== 'file-server') return;
        directory = optionValues(args, '--root', '-r')[0]?.value;
      } else {
        directory = plainWords(args, 'pa').find((word) => !/^\d+$/.test(word));
        bind = optionValues(args, '-a', '--listen', '-l')[0]?.value;
      }
      if (bind && hostOf(`//${bind}`) !== undefined && /^(127\.|localhost|::1|\[::1\])/.test(bind)) return;
      const served = context.classify(directory ?? invocation.cwd ?? '.');
      if (['root', 'system', 'home', 'home-sensitive'].includes(served.kind) || served.secret)
        context.report(openMachine);
    },
  },
);

/** The environment as a whole (`os.environ`, `process.env`), or a secret-named variable, read by code. */
const WHOLE_ENVIRONMENT =
  /\b(os\.environ(?!\s*[[.]|\s*\.get)|process\.env(?!\s*[.[])|ENV\.(to_h|to_a|each|map|inspect|to_s)|%ENV|Deno\.env\.toObject|System\.getenv\(\s*\)|os\.Environ\(\))/;
const NAMED_VARIABLE =
  /(?:environ(?:\.get)?\s*[[(]\s*|getenv\(\s*|process\.env\.|process\.env\[\s*|ENV\[\s*|ENV\.fetch\(\s*|\$ENV\{\s*|env\.get\(\s*)['"]?([A-Za-z_]\w*)/g;
const URLS = /\bhttps?:\/\/[^\s'"`)\\]+/g;

/** A one-liner that reads the environment or a secret variable and talks to the network: where does it send? */
export function judgeCodeFlow(code: string, network: boolean, context: CheckContext): void {
  if (!network) return;
  const named = [...code.matchAll(NAMED_VARIABLE)].some((match) => isSecretName(match[1] ?? ''));
  if (!named && !WHOLE_ENVIRONMENT.test(code)) return;
  const hosts = [...code.matchAll(URLS)]
    .map((match) => hostOf(match[0]))
    .filter((host) => host !== undefined);
  if (hosts.length === 0 || hosts.some((host) => !context.trust.host(host))) context.report(secretSent);
}

export const exposureChecks: readonly ProgramCheck[] = [printedSecrets, gists, fileServers];
