import { normalizeProgram } from '../walk/program-name.js';
import type { Arg } from '../syntax/arg.js';
import { judgeVerbs } from './verb-model.js';

// Commands that only read: what `sudo` may run without a person, because reading as root changes nothing.

/** Programs that only read whatever their arguments (their own rules still judge secrets they read). */
const READERS = new Set(
  `ls ll la cat tac nl head tail less more wc grep egrep fgrep rg ag du df stat file lsof ss netstat ps pgrep
  pstree top htop iotop iftop dmesg lsblk blkid findmnt lscpu lspci lsusb lsmod lshw dmidecode smartctl id
  whoami getent ip6tables-save iptables-save lastlog last who w uptime free vmstat iostat ss tcpdump strace-log
  readlink realpath md5sum sha256sum sha1sum sha512sum diff cmp tree namei getfacl lsattr journalctl pvs vgs lvs
  pvdisplay vgdisplay lvdisplay zpool-status nvidia-smi sensors`.split(/\s+/),
);

/** Programs whose flags alone say read (`nginx -t`, `crontab -l`, `iptables -L`, `fdisk -l`). */
const READ_FLAGS: Readonly<Record<string, RegExp>> = {
  nginx: /^-[tT]$/,
  apachectl: /^(-t|configtest|-S)$/,
  crontab: /^-l$/,
  iptables: /^(-L|-S|--list|--list-rules)$/,
  ip6tables: /^(-L|-S|--list|--list-rules)$/,
  fdisk: /^-l$/,
  sfdisk: /^(-l|--list|-d|--dump)$/,
  parted: /^(-l|--list)$/,
  nft: /^list$/,
};

/** Options of readers that write or act (journalctl --vacuum-size, tail --pid is fine). */
const ACTING = /^--(vacuum|rotate|flush|sync|relinquish|setup-keys|update-catalog)/;

/** True when the command only reads: a reader, a read flag, or a subcommand path the verb model calls a read. */
export function isReadCommand(argv: readonly Arg[]): boolean {
  const [name, ...args] = argv;
  if (!name || name.dynamic) return false;
  const program = normalizeProgram(name.value);
  if (args.some((arg) => ACTING.test(arg.value))) return false;
  if (READERS.has(program)) return true;
  const flags = READ_FLAGS[program];
  if (flags) return args.length > 0 && args.some((arg) => flags.test(arg.value));
  if (args.length === 0) return false;
  const judged = judgeVerbs(args);
  return judged.kind === 'read';
}
