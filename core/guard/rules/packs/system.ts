import { parseFlags } from '../../flags/parse-flags.js';
import { definePack, type CheckContext, type ProgramCheck } from '../../invocation.js';
import { defineRule } from '../../rule.js';
import type { Arg } from '../../syntax/arg.js';

// The machine itself: power, processes, firewall, services, network links, packages, accounts, privilege.

export const power = defineRule({
  id: 'core.system.power',
  verdict: 'block',
  reason: 'shuts down, reboots or suspends the machine every agent runs on',
  examples: [
    { command: 'shutdown -h now', verdict: 'block' },
    { command: 'sudo reboot', verdict: 'block' },
    { command: 'init 0', verdict: 'block' },
    { command: 'systemctl poweroff', verdict: 'block' },
    { command: 'systemctl status nginx', verdict: 'allow' },
  ],
});

export const killAll = defineRule({
  id: 'core.system.kill-all',
  verdict: 'block',
  reason: 'kills every process (kill -1) or init (PID 1)',
  examples: [
    { command: 'kill -KILL -1', verdict: 'block' },
    { command: 'kill -9 1', verdict: 'block' },
    { command: 'kill -9 31337', verdict: 'allow' },
    { command: 'kill 12345', verdict: 'allow' },
  ],
});

export const killByName = defineRule({
  id: 'core.system.kill-by-name',
  verdict: 'hold',
  reason: 'kills every process matching a name or user, which may include other agents and the supervisor',
  alternative: 'kill the one process by its PID',
  examples: [
    { command: 'pkill -f node', verdict: 'hold' },
    { command: 'killall python3', verdict: 'hold' },
    { command: 'kill $(pgrep node)', verdict: 'hold' },
  ],
});

export const forkBomb = defineRule({
  id: 'core.system.fork-bomb',
  verdict: 'block',
  reason: 'a function that calls itself without end (a fork bomb) exhausts the machine',
  examples: [
    { command: ':(){ :|:& };:', verdict: 'block' },
    { command: 'bomb(){ bomb|bomb& };bomb', verdict: 'block' },
    { command: 'greet(){ echo hi; }; greet', verdict: 'allow' },
  ],
});

export const firewall = defineRule({
  id: 'core.system.firewall',
  verdict: 'block',
  reason: 'changes or flushes the firewall, which can cut the machine off or open it up',
  examples: [
    { command: 'iptables -P INPUT DROP', verdict: 'block' },
    { command: 'ip6tables -F', verdict: 'block' },
    { command: 'ufw disable', verdict: 'block' },
    { command: 'iptables -L -n', verdict: 'allow' },
    { command: 'ufw status', verdict: 'allow' },
  ],
});

export const stopService = defineRule({
  id: 'core.system.stop-service',
  verdict: 'block',
  reason: 'stops, disables or masks a system service (sshd, docker, the network…)',
  examples: [
    { command: 'systemctl stop sshd', verdict: 'block' },
    { command: 'systemctl disable --now ssh', verdict: 'block' },
    { command: 'service ssh stop', verdict: 'block' },
    { command: 'systemctl is-active sshd', verdict: 'allow' },
  ],
});

export const changeService = defineRule({
  id: 'core.system.change-service',
  verdict: 'hold',
  reason: 'starts, restarts or enables a system service',
  examples: [
    { command: 'systemctl restart nginx', verdict: 'hold' },
    { command: 'systemctl list-units --failed', verdict: 'allow' },
  ],
});

export const networkDown = defineRule({
  id: 'core.system.network-down',
  verdict: 'block',
  reason: 'takes a network link down or flushes addresses and routes, cutting the machine off',
  examples: [
    { command: 'ip link set eth0 down', verdict: 'block' },
    { command: 'ifconfig eth0 down', verdict: 'block' },
    { command: 'nmcli networking off', verdict: 'block' },
    { command: 'ip route', verdict: 'allow' },
    { command: 'ifconfig', verdict: 'allow' },
  ],
});

export const removePackages = defineRule({
  id: 'core.system.remove-packages',
  verdict: 'block',
  reason:
    'removes system packages, language toolchains or global tools (openssh-server, a Rust toolchain, npm -g …) from the machine',
  examples: [
    { command: 'apt-get purge -y openssh-server', verdict: 'block' },
    { command: 'rustup self uninstall -y', verdict: 'block' },
    { command: 'npm uninstall -g pnpm', verdict: 'block' },
    { command: 'npm uninstall lodash', verdict: 'allow' },
    { command: 'yum remove -y systemd', verdict: 'block' },
    { command: 'brew uninstall git', verdict: 'block' },
    { command: 'apt-cache search ripgrep', verdict: 'allow' },
  ],
});

export const accounts = defineRule({
  id: 'core.system.accounts',
  verdict: 'block',
  reason: 'deletes, locks, strips the password of, or grants admin groups to a user account',
  examples: [
    { command: 'passwd -d root', verdict: 'block' },
    { command: 'userdel -r alice', verdict: 'block' },
    { command: 'usermod -L alice', verdict: 'block' },
    { command: 'id', verdict: 'allow' },
  ],
});

export const privilege = defineRule({
  id: 'core.system.privilege',
  verdict: 'hold',
  reason: 'runs a command as root or another user (sudo, doas, su, pkexec)',
  alternative: 'do it without root, or leave it to a person',
  examples: [
    { command: 'sudo apt-get install -y ripgrep', verdict: 'hold' },
    { command: 'sudo -l', verdict: 'hold' },
    { command: 'apt-get install -y ripgrep', verdict: 'allow' },
  ],
});

export const preferences = defineRule({
  id: 'core.system.preferences',
  verdict: 'hold',
  reason: 'changes system or application preferences (defaults write/delete)',
  examples: [
    { command: 'defaults write com.apple.finder AppleShowAllFiles -bool true', verdict: 'hold' },
    { command: 'defaults read com.apple.dock', verdict: 'allow' },
  ],
});

export const kernel = defineRule({
  id: 'core.system.kernel',
  verdict: 'block',
  reason: 'changes the running kernel: modules, parameters, or a new kernel',
  examples: [
    { command: 'rmmod e1000', verdict: 'block' },
    { command: 'sysctl -w net.ipv4.ip_forward=0', verdict: 'block' },
    { command: 'sysctl -a', verdict: 'allow' },
  ],
});

const powerCommands: ProgramCheck = {
  programs: ['shutdown', 'reboot', 'poweroff', 'halt', 'init', 'telinit', 'systemctl', 'loginctl', 'pmset'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const first = values.find((value) => !value.startsWith('-')) ?? '';
    switch (invocation.program) {
      case 'init':
      case 'telinit':
        if (/^[06sS1]$/.test(first)) context.report(power);
        return;
      case 'systemctl':
      case 'loginctl':
        if (/^(terminate|kill)-(session|user|seat)$/.test(first)) context.report(killAll);
        if (
          /^(poweroff|reboot|halt|kexec|suspend|hibernate|hybrid-sleep|suspend-then-hibernate|rescue|emergency|soft-reboot)$/.test(
            first,
          )
        ) {
          context.report(power);
        }
        return;
      case 'pmset':
        if (/^(sleepnow|restoredefaults)$/.test(first)) context.report(power);
        return;
      default:
        if (!values.some((value) => value === '--help' || value === '-c')) context.report(power);
    }
  },
};

const kill: ProgramCheck = {
  programs: ['kill', 'killall', 'killall5', 'pkill', 'skill', 'slay'],
  check(invocation, context) {
    if (invocation.program !== 'kill') {
      const listOnly = invocation.args.some((arg) => /^-(l|-list)$/.test(arg.value));
      if (!listOnly) context.report(invocation.program === 'killall5' ? killAll : killByName);
      return;
    }
    for (const target of killTargets(invocation.args)) {
      if (/^-?[01]$/.test(target.value)) context.report(killAll);
      else if (target.dynamic && !byPort(target, context)) context.report(killByName);
    }
  },
};

/** `$(lsof -t -i :3000)`: the process on one port, which is narrow. */
function byPort(target: Arg, context: CheckContext): boolean {
  const programs = context.substitutionPrograms(target);
  return programs.size > 0 && [...programs].every((program) => program === 'lsof');
}

/** The PIDs given to kill: after the one signal option (`-9`, `-KILL`, `-s SIG`) or `--`; `-1` there means every process. */
function killTargets(args: readonly Arg[]): readonly Arg[] {
  let index = 0;
  let signalGiven = false;
  while (index < args.length) {
    const value = (args[index] as Arg).value;
    if (value === '--') return args.slice(index + 1);
    if (/^-(l|L|-list|-table)$/.test(value)) return [];
    if (['-s', '-n', '--signal'].includes(value)) {
      index += 2;
      signalGiven = true;
    } else if (value.startsWith('-') && !signalGiven) {
      index += 1;
      signalGiven = true;
    } else break;
  }
  return args.slice(index);
}

const FIREWALL_READS: Readonly<Record<string, RegExp>> = {
  iptables:
    /^(-L|--list|-S|--list-rules|-n|-v|--numeric|--verbose|--line-numbers|-t|--table|-x|--exact|--help|-h|--version|-V|nat|filter|mangle|raw|security|[A-Z]+)$/,
  ufw: /^(status|show|app|version|--help|verbose|numbered|info|list)$/,
  nft: /^(list|-a|--handle|-j|--json|-n|-s|--stateless|ruleset|table|tables|chain|chains|--version|-v|--help|-h|ip|ip6|inet|filter)$/,
  'firewall-cmd':
    /^(--state|--list-all|--list-all-zones|--get-.*|--query-.*|--list-.*|--zone=?.*|--permanent)$/,
  pfctl: /^(-s[a-zA-Z]*|-v|-vv|-sr|-sa|-si|-sn|-ss|info|rules|all|nat|states)$/,
};

const firewallCommands: ProgramCheck = {
  programs: [
    'iptables',
    'ip6tables',
    'iptables-legacy',
    'iptables-nft',
    'nft',
    'ufw',
    'firewall-cmd',
    'pfctl',
    'iptables-restore',
    'ip6tables-restore',
  ],
  check(invocation, context) {
    if (invocation.program.endsWith('-restore')) {
      context.report(firewall);
      return;
    }
    const family = invocation.program.startsWith('ip') ? 'iptables' : invocation.program;
    const reads = FIREWALL_READS[family] ?? /^$/;
    if (invocation.args.length === 0 && family !== 'ufw') return;
    if (invocation.args.some((arg) => !reads.test(arg.value))) context.report(firewall);
  },
};

/** Groups that amount to root. */
const ADMIN_GROUPS = /(^|,)(sudo|wheel|admin|root|docker|adm|lxd)(,|$)/;

const SERVICE_STOP = /^(stop|disable|mask|kill|isolate|unload|remove|bootout|disable-now)$/;
const SERVICE_CHANGE =
  /^(start|restart|reload|try-restart|reload-or-restart|enable|unmask|daemon-reload|set-property|edit|revert|load|bootstrap|kickstart|preset)$/;

const services: ProgramCheck = {
  programs: ['systemctl', 'service', 'launchctl', 'rc-service', 'sv', 'initctl'],
  check(invocation, context) {
    const words = invocation.args.map((arg) => arg.value).filter((value) => !value.startsWith('-'));
    const verb =
      invocation.program === 'service' || invocation.program === 'rc-service' ? words[1] : words[0];
    if (verb === undefined) return;
    if (SERVICE_STOP.test(verb)) context.report(stopService);
    else if (SERVICE_CHANGE.test(verb)) context.report(changeService);
  },
};

const networkLinks: ProgramCheck = {
  programs: ['ip', 'ifconfig', 'nmcli', 'ifdown', 'route', 'networksetup'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const text = values.join(' ');
    switch (invocation.program) {
      case 'ip':
        if (
          /\b(link|l) set\b.*\bdown\b|\b(addr|address|a|route|r|neigh|rule) (flush|del|delete)\b|\blink (del|delete)\b/.test(
            text,
          )
        ) {
          context.report(networkDown);
        }
        return;
      case 'ifconfig':
        if (values.includes('down')) context.report(networkDown);
        return;
      case 'nmcli':
        if (
          /\b(networking|radio \w+) off\b|\b(con|connection|dev|device) (down|delete|disconnect)\b/.test(text)
        )
          context.report(networkDown);
        return;
      case 'route':
        if (/\b(del|delete|flush)\b/.test(text)) context.report(networkDown);
        return;
      case 'networksetup':
        if (/-setnetworkserviceenabled \S+ off|-setairportpower \S+ off/.test(text))
          context.report(networkDown);
        return;
      default:
        context.report(networkDown);
    }
  },
};

const PACKAGE_REMOVALS: Readonly<Record<string, RegExp>> = {
  apt: /^(remove|purge|autoremove|autopurge)$/,
  'apt-get': /^(remove|purge|autoremove|autopurge)$/,
  aptitude: /^(remove|purge)$/,
  yum: /^(remove|erase|autoremove)$/,
  dnf: /^(remove|erase|autoremove)$/,
  zypper: /^(rm|remove)$/,
  apk: /^del$/,
  snap: /^remove$/,
  brew: /^(uninstall|remove|rm|autoremove|untap)$/,
  port: /^uninstall$/,
  flatpak: /^(uninstall|remove)$/,
  dpkg: /^(-r|-P|--remove|--purge)$/,
  rpm: /^(-e|--erase)$/,
  'nix-env': /^(-e|--uninstall)$/,
  pacman: /^-R[a-z]*$/,
};

const packages: ProgramCheck = {
  programs: Object.keys(PACKAGE_REMOVALS),
  check(invocation, context) {
    const pattern = PACKAGE_REMOVALS[invocation.program];
    if (pattern && invocation.args.some((arg) => pattern.test(arg.value))) context.report(removePackages);
  },
};

/**
 * Toolchains and global tools every agent on the machine uses, removed: the operand words (options dropped) that
 * do it, per program (`rustup self uninstall`, `nvm uninstall 20`, `npm uninstall -g pnpm`).
 */
const TOOLCHAIN_REMOVALS: Readonly<Record<string, RegExp>> = {
  rustup: /^(self uninstall|toolchain (uninstall|remove|rm))\b/,
  nvm: /^(uninstall|deactivate --purge)\b/,
  fnm: /^uninstall\b/,
  volta: /^uninstall\b/,
  pyenv: /^uninstall\b/,
  rbenv: /^uninstall\b/,
  nodenv: /^uninstall\b/,
  goenv: /^uninstall\b/,
  asdf: /^(uninstall|plugin (remove|uninstall))\b/,
  mise: /^(uninstall|rm|remove|plugins? (uninstall|remove|rm)|implode)\b/,
  rtx: /^(uninstall|implode)\b/,
  sdk: /^(uninstall|rm)\b/,
  gvm: /^(uninstall|implode)\b/,
  ghcup: /^(rm|nuke)\b/,
  juliaup: /^(remove|rm)\b/,
  opam: /^switch (remove|rm)\b/,
  pipx: /^(uninstall|uninstall-all)\b/,
  cargo: /^uninstall\b/,
  uv: /^(python uninstall|tool uninstall)\b/,
  conda: /^(env remove|remove --all|remove -n \S+ --all)\b/,
};

/** npm/pnpm/yarn/bun removing a global package: a tool every project on the machine may run. */
const GLOBAL_REMOVAL = /^(uninstall|un|unlink|remove|rm|r)$/;

const toolchains: ProgramCheck = {
  programs: [...Object.keys(TOOLCHAIN_REMOVALS), 'npm', 'pnpm', 'yarn', 'bun'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const words = values.filter((value) => !value.startsWith('-')).join(' ');
    const pattern = TOOLCHAIN_REMOVALS[invocation.program];
    if (pattern) {
      if (pattern.test(words) || (invocation.program === 'conda' && pattern.test(values.join(' '))))
        context.report(removePackages);
      return;
    }
    const global = values.some(
      (value) => value === '-g' || value === '--global' || value === '--location=global',
    );
    const [verb, second] = values.filter((value) => !value.startsWith('-'));
    const removes =
      invocation.program === 'yarn'
        ? verb === 'global' && GLOBAL_REMOVAL.test(second ?? '')
        : GLOBAL_REMOVAL.test(verb ?? '') && global;
    if (removes) context.report(removePackages);
  },
};

const accountCommands: ProgramCheck = {
  programs: ['userdel', 'deluser', 'groupdel', 'delgroup', 'passwd', 'usermod', 'chpasswd', 'dscl'],
  check(invocation, context) {
    switch (invocation.program) {
      case 'passwd': {
        const parsed = parseFlags(invocation.args, { aliases: { delete: 'd', lock: 'l', expire: 'e' } });
        if (['d', 'l', 'e'].some((flag) => parsed.flags.has(flag))) context.report(accounts);
        return;
      }
      case 'usermod': {
        const parsed = parseFlags(invocation.args, {
          shortWithValue: 'cdegGlpsuE',
          aliases: { lock: 'L', expiredate: 'e', groups: 'G', gid: 'g' },
          longWithValue: ['groups', 'gid', 'expiredate', 'home', 'shell', 'login', 'comment', 'uid'],
        });
        const groups = [...(parsed.values.get('G') ?? []), ...(parsed.values.get('g') ?? [])]
          .map((arg) => arg.value)
          .join(',');
        const shell = parsed.values.get('s')?.[0]?.value ?? '';
        const locked = parsed.flags.has('L') || parsed.flags.has('e') || /\/(nologin|false)$/.test(shell);
        if (locked || ADMIN_GROUPS.test(groups)) context.report(accounts);
        return;
      }
      case 'dscl':
        if (invocation.args.some((arg) => /^-(delete|passwd)$/.test(arg.value))) context.report(accounts);
        return;
      default:
        context.report(accounts);
    }
  },
};

const defaults: ProgramCheck = {
  programs: ['defaults'],
  check(invocation, context) {
    const verb = invocation.args.find((arg) => !arg.value.startsWith('-'))?.value ?? '';
    if (!/^(read|read-type|domains|find|help|export)$/.test(verb)) context.report(preferences);
  },
};

const kernelCommands: ProgramCheck = {
  programs: ['rmmod', 'insmod', 'modprobe', 'kexec', 'sysctl'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    if (invocation.program === 'sysctl') {
      if (
        values.some(
          (value) =>
            value === '-w' ||
            value === '--write' ||
            value === '-p' ||
            value === '--load' ||
            /^[\w.]+=/.test(value),
        )
      )
        context.report(kernel);
      return;
    }
    if (invocation.program === 'modprobe' && !values.some((value) => /^(-r|--remove)$/.test(value))) return;
    context.report(kernel);
  },
};

export const systemPack = definePack({
  id: 'core.system',
  summary:
    'the machine: power, killing processes, firewall, services, network links, packages, accounts, root',
  rules: [
    power,
    killAll,
    killByName,
    forkBomb,
    firewall,
    stopService,
    changeService,
    networkDown,
    removePackages,
    accounts,
    privilege,
    preferences,
    kernel,
  ],
  checks: [
    powerCommands,
    kill,
    firewallCommands,
    services,
    networkLinks,
    packages,
    toolchains,
    accountCommands,
    defaults,
    kernelCommands,
  ],
});
