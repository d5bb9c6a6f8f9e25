import { defineRule } from '../../../rule.js';

// Disk rules: writing to block devices, formatting, partitioning, destroying volumes and pools.

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
