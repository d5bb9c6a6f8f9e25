import { defineRule } from '../../../rule.js';

// The verb model's rules, and the rules for programs that change what another command means.

export const verbDestroy = defineRule({
  id: 'core.verbs.destroy',
  verdict: 'block',
  reason:
    'a destructive subcommand or flag (delete, remove, destroy, purge, reset, revoke, kill, prune, --force on a change…)',
  alternative: 'list or describe what would go, and leave the deletion to a person',
  examples: [
    { command: 'vault kv delete secret/app/config', verdict: 'block' },
    { command: 'frobctl widgets rm 42', verdict: 'block' },
    { command: 'kafka-topics --bootstrap-server kafka:9092 --delete --topic orders', verdict: 'block' },
    { command: 'frobctl widgets sync --force', verdict: 'block' },
    { command: 'frobctl widgets get 42', verdict: 'allow' },
    { command: 'frobctl widgets list --output json', verdict: 'allow' },
    { command: 'frobctl delete --help', verdict: 'allow' },
    { command: 'frobctl widgets delete 42 --dry-run', verdict: 'allow' },
  ],
});

export const verbPublish = defineRule({
  id: 'core.verbs.publish',
  verdict: 'hold',
  reason: 'publishes, deploys or releases something (deploy, publish, release, promote, upload, apply, rollout)',
  alternative: 'build and test locally; leave publishing and deploying to a person',
  examples: [
    { command: 'frobctl deploy', verdict: 'hold' },
    { command: 'frobctl rollout web', verdict: 'hold' },
    { command: 'frobctl deploy --dry-run', verdict: 'allow' },
  ],
});

export const verbChange = defineRule({
  id: 'core.verbs.change',
  verdict: 'hold',
  reason: 'changes something through a tool with no rules of its own; only reads are allowed without a person',
  examples: [
    { command: 'vault kv put secret/app/config password=x', verdict: 'hold' },
    { command: 'vault status', verdict: 'allow' },
  ],
});

export const repairFilesystem = defineRule({
  id: 'core.verbs.repair-filesystem',
  verdict: 'block',
  reason: 'repairs a filesystem or creates or reshapes a RAID array: it rewrites the disks and can lose their data',
  alternative: 'check read-only (fsck -n, mdadm --detail) and leave repairs to a person',
  examples: [
    { command: 'fsck -y /dev/sda1', verdict: 'block' },
    { command: 'mdadm --create /dev/md0 --level=1 --raid-devices=2 /dev/sda1 /dev/sdb1', verdict: 'block' },
    { command: 'fsck -n /dev/sda1', verdict: 'allow' },
    { command: 'mdadm --detail /dev/md0', verdict: 'allow' },
  ],
});
