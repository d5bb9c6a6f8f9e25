import { parseFlags } from '../../flags/parse-flags.js';
import { definePack, type ProgramCheck } from '../../invocation.js';
import { defineRule } from '../../rule.js';
import { reportWrite } from './fs/writes.js';

// Disks and volumes: writing to block devices, formatting, partitioning, destroying volumes and pools.

export const writeDevice = defineRule({
  id: 'core.disk.write-device',
  verdict: 'block',
  reason: 'writes straight to a disk or other device, destroying the filesystem on it',
  examples: [
    { command: 'dd if=/dev/zero of=/dev/sda', verdict: 'block' },
    { command: 'cat /dev/urandom > /dev/sda', verdict: 'block' },
    { command: 'echo x > /dev/sda', verdict: 'block' },
    { command: 'dd if=disk.img of=copy.img bs=4M', verdict: 'allow' },
    { command: 'dd if=/dev/zero of=/dev/null count=1', verdict: 'allow' },
  ],
});

export const format = defineRule({
  id: 'core.disk.format',
  verdict: 'block',
  reason: 'creates a new filesystem (or swap, or an encrypted volume) over whatever is on the device',
  examples: [
    { command: 'mkfs.ext4 /dev/sda1', verdict: 'block' },
    { command: 'mkfs -t xfs /dev/sdb', verdict: 'block' },
    { command: 'mke2fs /dev/sdb1', verdict: 'block' },
    { command: 'mkswap /dev/sda2', verdict: 'block' },
    { command: 'diskutil eraseDisk APFS Blank disk2', verdict: 'block' },
    { command: 'diskutil list', verdict: 'allow' },
  ],
});

export const partition = defineRule({
  id: 'core.disk.partition',
  verdict: 'block',
  reason: 'changes or erases a partition table or the signatures and blocks of a disk',
  examples: [
    { command: 'wipefs -a /dev/sda', verdict: 'block' },
    { command: 'sgdisk --zap-all /dev/sda', verdict: 'block' },
    { command: 'parted /dev/sda rm 1', verdict: 'block' },
    { command: 'blkdiscard /dev/nvme0n1', verdict: 'block' },
    { command: 'hdparm --security-erase NULL /dev/sda', verdict: 'block' },
    { command: 'fdisk -l', verdict: 'allow' },
    { command: 'parted -l', verdict: 'allow' },
  ],
});

export const destroyVolume = defineRule({
  id: 'core.disk.destroy-volume',
  verdict: 'block',
  reason: 'removes a logical volume, volume group, RAID member, ZFS pool or dataset, with its data',
  examples: [
    { command: 'lvremove -f vg0/root', verdict: 'block' },
    { command: 'vgremove -f vg0', verdict: 'block' },
    { command: 'pvremove /dev/sda2', verdict: 'block' },
    { command: 'zpool destroy tank', verdict: 'block' },
    { command: 'zfs destroy -r tank/data', verdict: 'block' },
    { command: 'zpool status', verdict: 'allow' },
    { command: 'lvs', verdict: 'allow' },
  ],
});

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
