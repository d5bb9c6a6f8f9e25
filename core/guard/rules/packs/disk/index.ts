import { parseFlags } from '../../../flags/parse-flags.js';
import { definePack, type ProgramCheck } from '../../../invocation.js';
import { reportWrite } from '../fs/writes.js';
import { destroyVolume, format, partition, writeDevice } from './rules.js';

// Disks and volumes: writing to block devices, formatting, partitioning, destroying volumes and pools.

const dd: ProgramCheck = {
  programs: ['dd'],
  check(invocation, context) {
    for (const arg of invocation.args) {
      if (arg.value.startsWith('of='))
        reportWrite(context.classify({ ...arg, value: arg.value.slice(3) }), invocation.text, context);
    }
  },
};

const formatters: ProgramCheck = {
  programs: ['mkfs', 'mke2fs', 'mkswap', 'newfs', 'mkdosfs', 'mformat', 'cryptsetup', 'diskutil'],
  check(invocation, context) {
    const first = invocation.args.find((arg) => !arg.value.startsWith('-'))?.value.toLowerCase() ?? '';
    if (
      invocation.program === 'cryptsetup' &&
      !/^(luksformat|erase|lukserase|reencrypt|lukskillslot|luksremovekey)$/.test(first)
    )
      return;
    if (
      invocation.program === 'diskutil' &&
      !/^(erase|partition|zero|random|secure|reformat|apfs)/.test(first)
    )
      return;
    if (invocation.program === 'diskutil' && first === 'apfs') {
      const verb = invocation.args[1]?.value.toLowerCase() ?? '';
      if (!/^delete|^erase/.test(verb)) return;
    }
    context.report(format);
  },
};

/** mkfs.ext4, mkfs.xfs…: any `mkfs.*` name. */
const mkfsFamily: ProgramCheck = {
  programs: [
    'mkfs.ext2',
    'mkfs.ext3',
    'mkfs.ext4',
    'mkfs.xfs',
    'mkfs.btrfs',
    'mkfs.vfat',
    'mkfs.fat',
    'mkfs.exfat',
    'mkfs.ntfs',
    'mkfs.f2fs',
    'mkfs.minix',
    'mkfs.msdos',
    'mkfs.bfs',
    'mkfs.cramfs',
    'mkntfs',
    'mkexfatfs',
  ],
  check(_invocation, context) {
    context.report(format);
  },
};

const READ_ONLY_PARTITION_FLAGS: Readonly<Record<string, readonly string[]>> = {
  fdisk: ['l', 'list', 'help', 'V', 'version'],
  sfdisk: ['l', 'list', 'd', 'dump', 'J', 'json', 'V', 'verify', 's', 'show-size', 'help', 'version'],
  sgdisk: ['p', 'print', 'i', 'info', 'v', 'verify', 'help', 'version'],
  gdisk: ['l'],
  parted: ['l', 'list', 'help', 'version'],
  wipefs: ['n', 'no-act'],
  hdparm: [],
};

const partitioners: ProgramCheck = {
  programs: [
    'fdisk',
    'sfdisk',
    'cfdisk',
    'gdisk',
    'sgdisk',
    'parted',
    'wipefs',
    'blkdiscard',
    'hdparm',
    'badblocks',
  ],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, {});
    const readOnly = READ_ONLY_PARTITION_FLAGS[invocation.program] ?? [];
    if (readOnly.some((flag) => parsed.flags.has(flag))) return;
    switch (invocation.program) {
      case 'parted':
        if (parsed.operands.length <= 1 || /^(print|p)$/i.test(parsed.operands[1]?.value ?? '')) return;
        break;
      case 'wipefs':
        if (!['a', 'all', 'o', 'offset'].some((flag) => parsed.flags.has(flag))) return;
        break;
      case 'hdparm':
        if (
          ![...parsed.flags].some((flag) =>
            /security-erase|trim-sector|security-set-pass|make-bad-sector|write-sector|fwdownload|^z$/.test(
              flag,
            ),
          )
        )
          return;
        break;
      case 'badblocks':
        if (!parsed.flags.has('w')) return;
        break;
      default:
        break;
    }
    context.report(partition);
  },
};

const VOLUME_VERBS: Readonly<Record<string, RegExp>> = {
  zpool: /^(destroy|labelclear|detach|offline|remove|split|reguid)$/,
  zfs: /^(destroy|rollback|promote|rename)$/,
  btrfs: /^(delete|remove)$/,
  mdadm: /^--(zero-superblock|fail|remove|stop)$|^-[fSr]$/,
  lvm: /^(lvremove|vgremove|pvremove|lvreduce|vgreduce)$/,
};

const volumes: ProgramCheck = {
  programs: [
    'lvremove',
    'vgremove',
    'pvremove',
    'lvreduce',
    'vgreduce',
    'lvresize',
    'zpool',
    'zfs',
    'btrfs',
    'mdadm',
    'lvm',
  ],
  check(invocation, context) {
    const pattern = VOLUME_VERBS[invocation.program];
    if (!pattern) {
      if (
        invocation.program === 'lvresize' &&
        !invocation.args.some((arg) => /^-L-|^--size=?-/.test(arg.value))
      )
        return;
      context.report(destroyVolume);
      return;
    }
    if (invocation.args.some((arg) => pattern.test(arg.value))) context.report(destroyVolume);
  },
};

export const diskPack = definePack({
  id: 'core.disk',
  summary: 'disks and volumes: device writes, formatting, partition tables, volume and pool removal',
  rules: [writeDevice, format, partition, destroyVolume],
  checks: [dd, formatters, mkfsFamily, partitioners, volumes],
});
