import { parseFlags } from '../flags/parse-flags.js';
import type { CheckContext, Invocation, ProgramCheck } from '../invocation.js';
import { literalArg, type Arg } from '../syntax/arg.js';
import { judgeStdinCode } from './shells.js';

// Commands that run a command somewhere else: another host (ssh), a container (docker/kubectl exec),
// another tmux pane (send-keys), or later and repeatedly (watch, hyperfine, concurrently).

/** Shell text made of the remaining arguments, as the remote shell sees it (`ssh host rm -rf /tmp/x`). */
function joined(args: readonly Arg[]): Arg {
  return {
    ...literalArg(args.map((arg) => arg.value).join(' ')),
    dynamic: args.some((arg) => arg.dynamic),
    substitutions: args.flatMap((arg) => arg.substitutions),
  };
}

const SSH_FLAGS = { shortWithValue: 'bcDEeFIiJLlmOopQRSWwB', stopAtOperand: true };

const ssh: ProgramCheck = {
  programs: ['ssh', 'mosh', 'autossh'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, SSH_FLAGS);
    for (const option of parsed.values.get('o') ?? []) {
      const match = /^(ProxyCommand|LocalCommand|RemoteCommand|KnownHostsCommand)[= ](.*)$/i.exec(
        option.value,
      );
      if (match) context.runScript({ ...option, value: match[2] ?? '' });
    }
    const [host, ...command] = parsed.operands;
    if (!host) return;
    const rest = command[0]?.value === '--' ? command.slice(1) : command;
    if (rest.length > 0) context.runScript(joined(rest), { remote: true, stdin: invocation.stdin });
    else if (!parsed.flags.has('N'))
      judgeStdinCode(invocation.stdin, invocation, context, (text) =>
        context.runScript(text, { remote: true }),
      );
  },
};

const EXEC_FLAGS = {
  shortWithValue: 'euwcn',
  longWithValue: [
    'env',
    'env-file',
    'user',
    'workdir',
    'detach-keys',
    'container',
    'namespace',
    'context',
    'kubeconfig',
    'index',
  ],
  stopAtOperand: true,
};

/** `exec` is a subcommand only near the front (`docker compose exec`, `kubectl -n ns exec`). */
const EXEC_POSITION_LIMIT = 4;
/** Subcommands whose arguments may contain the word `exec` as data (`docker run img exec`). */
const NOT_EXEC_VERBS = new Set(['run', 'logs', 'build', 'create', 'start', 'cp']);

/** Runs the command inside a container: `docker exec [opts] NAME CMD…`, `kubectl exec POD -- CMD…`. */
function execInContainer(args: readonly Arg[], invocation: Invocation, context: CheckContext): void {
  const dashDash = args.findIndex((arg) => arg.value === '--');
  const parsed = parseFlags(dashDash < 0 ? args : args.slice(0, dashDash), EXEC_FLAGS);
  const command = dashDash >= 0 ? args.slice(dashDash + 1) : parsed.operands.slice(1);
  if (command.length > 0) context.runCommand(command, { stdin: invocation.stdin, remote: true });
}

const containerExec: ProgramCheck = {
  programs: [
    'docker',
    'podman',
    'nerdctl',
    'docker-compose',
    'podman-compose',
    'kubectl',
    'oc',
    'lxc',
    'incus',
    'multipass',
  ],
  check(invocation, context) {
    const at = invocation.args.findIndex((arg) => arg.value === 'exec');
    if (at < 0 || at > EXEC_POSITION_LIMIT) return;
    const before = invocation.args.slice(0, at).map((arg) => arg.value);
    if (before.some((value) => NOT_EXEC_VERBS.has(value))) return;
    execInContainer(invocation.args.slice(at + 1), invocation, context);
  },
};

/** tmux: send-keys types into another pane; new-window, split-window and friends start a shell command. */
const tmux: ProgramCheck = {
  programs: ['tmux'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const verbAt = values.findIndex((value) =>
      /^(send-keys|send|new-session|new|new-window|neww|split-window|splitw|respawn-pane|respawnp|respawn-window|run-shell|run|if-shell|if|display-popup|popup)$/.test(
        value,
      ),
    );
    if (verbAt < 0) return;
    const verb = values[verbAt] as string;
    const parsed = parseFlags(invocation.args.slice(verbAt + 1), {
      shortWithValue: TMUX_VALUES[verb] ?? 'tcnsFxyelNbpwTEMXRSHc',
      stopAtOperand: false,
    });
    if (/^send/.test(verb)) {
      const keys = parsed.operands.filter(
        (arg) =>
          !/^(Enter|C-m|KPEnter|Escape|Tab|Space|BSpace|C-[a-z]|M-[a-z]|Up|Down|Left|Right)$/.test(arg.value),
      );
      if (keys.length > 0) context.runScript(joined(keys));
      return;
    }
    if (parsed.operands.length > 0) context.runScript(joined(parsed.operands));
  },
};

/** Options that take a value, per tmux command (`new -d` is a flag, `run-shell -d 5` a delay). */
const TMUX_VALUES: Readonly<Record<string, string>> = {
  'new-session': 'cefFnstxy',
  new: 'cefFnstxy',
  'new-window': 'cefFnt',
  neww: 'cefFnt',
  'split-window': 'celFpt',
  splitw: 'celFpt',
  'run-shell': 'cdt',
  run: 'cdt',
  'display-popup': 'bcdehsStTwxy',
  popup: 'bcdehsStTwxy',
};

/** screen options that take a value; the command starts at the first operand. */
const SCREEN_VALUES = new Set(['-S', '-c', '-t', '-p', '-e', '-h', '-s', '-T', '-Logfile', '-X', '-U']);

/** screen -X stuff 'TEXT' types into a session; `screen CMD` starts one. */
const screen: ProgramCheck = {
  programs: ['screen'],
  check(invocation, context) {
    const at = invocation.args.findIndex((arg) => arg.value === 'stuff');
    if (at >= 0) {
      const text = invocation.args[at + 1];
      if (text) context.runScript(text.value.replace(/\\n|\^M|\r/g, '\n'));
      return;
    }
    // `screen -dmS name CMD…` starts CMD in a new (detached) session
    const args = invocation.args;
    for (let i = 0; i < args.length; i++) {
      const value = (args[i] as Arg).value;
      if (/^-(ls|list|r|R|x|wipe|v|version|help)$/.test(value) || value === '-X') return;
      if (SCREEN_VALUES.has(value) || /^-[a-zA-Z]+[SctpehsTX]$/.test(value)) {
        i++;
        continue;
      }
      if (value.startsWith('-')) continue;
      context.runCommand(args.slice(i), { stdin: invocation.stdin });
      return;
    }
  },
};

/** watch runs its arguments as shell text again and again (`-x`: as a command). */
const watch: ProgramCheck = {
  programs: ['watch'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, {
      shortWithValue: 'nq',
      longWithValue: ['interval', 'differences', 'equexit'],
      stopAtOperand: true,
    });
    if (parsed.operands.length === 0) return;
    if (parsed.flags.has('x') || parsed.flags.has('exec')) context.runCommand(parsed.operands);
    else context.runScript(joined(parsed.operands));
  },
};

/** Tools whose operands are each a shell command: hyperfine, concurrently, watchexec. */
const commandLists: ProgramCheck = {
  programs: ['hyperfine', 'concurrently', 'watchexec', 'nodemon'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, {
      shortWithValue: invocation.program === 'nodemon' ? 'wex' : 'wpPnrcsSekNW',
      longWithValue: [
        'prepare',
        'setup',
        'cleanup',
        'exec',
        'names',
        'prefix',
        'watch',
        'ext',
        'runs',
        'warmup',
        'export-json',
        'export-markdown',
        'shell',
        'parameter-list',
        'parameter-scan',
        'delay',
        'ignore',
        'on-busy-update',
      ],
    });
    for (const option of [
      'prepare',
      'setup',
      'cleanup',
      'exec',
      'p',
      'c',
      ...(invocation.program === 'nodemon' ? ['x'] : []),
    ]) {
      for (const script of parsed.values.get(option) ?? []) context.runScript(script);
    }
    if (invocation.program === 'nodemon' || invocation.program === 'watchexec') {
      if (invocation.program === 'watchexec' && parsed.operands.length)
        context.runScript(joined(parsed.operands));
      return;
    }
    for (const operand of parsed.operands) {
      if (!/^(npm|yarn|pnpm|bun):/.test(operand.value)) context.runScript(operand);
    }
  },
};

/** busybox and toybox run their first argument as an applet. */
const multiCall: ProgramCheck = {
  programs: ['busybox', 'toybox'],
  check(invocation, context) {
    if (invocation.args.length > 0) context.runCommand(invocation.args, { stdin: invocation.stdin });
  },
};

/** Cloud and VM shells that take the remote command as an option. */
const remoteOptions: ProgramCheck = {
  programs: ['gcloud', 'vagrant', 'fly', 'flyctl', 'heroku', 'wsl'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const option = values.findIndex((value) => /^(--command|-c|-C|--exec|-e)$/.test(value));
    const inline = invocation.args.find((arg) => arg.value.startsWith('--command='));
    const isShell =
      values.includes('ssh') ||
      values.includes('console') ||
      invocation.program === 'wsl' ||
      values.includes('run');
    if (!isShell) return;
    if (inline)
      context.runScript({ ...inline, value: inline.value.slice('--command='.length) }, { remote: true });
    else if (option >= 0 && invocation.args[option + 1])
      context.runScript(invocation.args[option + 1] as Arg, { remote: true });
    else if (invocation.program === 'heroku' && values[0] === 'run')
      context.runScript(joined(invocation.args.slice(1).filter((arg) => !arg.value.startsWith('-'))), {
        remote: true,
      });
  },
};

export const remoteChecks: readonly ProgramCheck[] = [
  ssh,
  containerExec,
  tmux,
  screen,
  watch,
  commandLists,
  multiCall,
  remoteOptions,
];
