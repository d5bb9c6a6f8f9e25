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
  reason:
    'publishes, deploys or releases something (deploy, publish, release, promote, upload, apply, rollout)',
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
  reason:
    'changes something through a tool with no rules of its own; only reads are allowed without a person',
  examples: [
    { command: 'vault kv put secret/app/config password=x', verdict: 'hold' },
    { command: 'vault status', verdict: 'allow' },
  ],
});

export const repairFilesystem = defineRule({
  id: 'core.verbs.repair-filesystem',
  verdict: 'block',
  reason:
    'repairs a filesystem or creates or reshapes a RAID array: it rewrites the disks and can lose their data',
  alternative: 'check read-only (fsck -n, mdadm --detail) and leave repairs to a person',
  examples: [
    { command: 'fsck -y /dev/sda1', verdict: 'block' },
    { command: 'mdadm --create /dev/md0 --level=1 --raid-devices=2 /dev/sda1 /dev/sdb1', verdict: 'block' },
    { command: 'fsck -n /dev/sda1', verdict: 'allow' },
    { command: 'mdadm --detail /dev/md0', verdict: 'allow' },
  ],
});

export const httpDestroy = defineRule({
  id: 'core.verbs.http-destroy',
  verdict: 'block',
  reason:
    'an HTTP request that deletes data on a service (DELETE, delete-by-query, a mutation that drops or removes)',
  alternative: 'send a GET to see what is there, and leave the deletion to a person',
  examples: [
    { command: 'curl -X DELETE https://search.example.com:9200/logs-*', verdict: 'block' },
    { command: 'curl -X DELETE http://localhost:9200/orders', verdict: 'block' },
    { command: 'curl -X DELETE http://localhost:3000/api/users/1', verdict: 'allow' },
  ],
});

export const httpMutation = defineRule({
  id: 'core.verbs.http-mutation',
  verdict: 'hold',
  reason:
    'an HTTP request that changes something on a service that is not a local dev server (POST, PUT, PATCH, an upload)',
  examples: [
    { command: 'curl -X PATCH https://api.example.com/v1/users/1 -d \'{"role":"admin"}\'', verdict: 'hold' },
    { command: 'curl -X POST http://localhost:3000/api/users -d \'{"name":"a"}\'', verdict: 'allow' },
    { command: 'curl https://api.github.com/repos/acme/app', verdict: 'allow' },
  ],
});

export const remoteSystemWrite = defineRule({
  id: 'core.verbs.remote-system-write',
  verdict: 'block',
  reason: "copies onto another machine's system paths or login files (/etc, /usr, ~/.ssh/authorized_keys…)",
  alternative: 'copy to a staging path such as /tmp on the host and let a person install it',
  examples: [
    { command: 'scp nginx.conf web.example.com:/etc/nginx/nginx.conf', verdict: 'block' },
    { command: 'scp build.tar.gz user@host.example:/tmp/', verdict: 'allow' },
  ],
});

export const remount = defineRule({
  id: 'core.verbs.remount',
  verdict: 'block',
  reason:
    'remounts, bind-mounts over or unmounts a system filesystem: what every program sees changes under it',
  examples: [
    { command: 'mount -o remount,rw /', verdict: 'block' },
    { command: 'mount --bind /tmp/evil /etc', verdict: 'block' },
    { command: 'mount', verdict: 'allow' },
  ],
});

export const runsNamedProgram = defineRule({
  id: 'core.verbs.runs-named-program',
  verdict: 'hold',
  reason:
    'an option names a program to run on every file (rg --pre, --hostname-bin) that the guard cannot read',
  examples: [
    { command: 'rg --pre ./scripts/unpack.sh foo', verdict: 'hold' },
    { command: 'rg --pre pdftotext invoice', verdict: 'allow' },
  ],
});

export const gitHookWrite = defineRule({
  id: 'core.verbs.git-hook-write',
  verdict: 'block',
  reason: "writes a git hook or the repository's config: it runs commands on the next git command, unseen",
  alternative: 'put the script in the project and run it by name',
  examples: [
    { command: 'cp wipe.sh .git/hooks/pre-push', verdict: 'block' },
    { command: "echo 'rm -rf ~' > .git/hooks/pre-commit", verdict: 'block' },
    { command: 'cp .git/hooks/pre-commit.sample /tmp/x', verdict: 'allow' },
  ],
});

export const gitMoveBranch = defineRule({
  id: 'core.verbs.git-move-branch',
  verdict: 'block',
  reason:
    'moves a branch or the work tree by force (update-ref, checkout -B, read-tree --reset, checkout-index -f, submodule deinit -f): commits and changes can be lost',
  alternative: 'create a new branch at the commit instead',
  examples: [
    { command: 'git update-ref refs/heads/main HEAD~10', verdict: 'block' },
    { command: 'git checkout -B main origin/old', verdict: 'block' },
    { command: 'git read-tree -u --reset HEAD', verdict: 'block' },
    { command: 'git checkout -B feature/new', verdict: 'allow' },
    { command: 'git update-ref refs/heads/new-branch HEAD', verdict: 'allow' },
  ],
});

export const envRunsCode = defineRule({
  id: 'core.verbs.env-runs-code',
  verdict: 'block',
  reason:
    'sets a variable that makes the program run other code (PS4 with a substitution, BASH_ENV, LD_PRELOAD, NODE_OPTIONS --require…) from outside the project',
  examples: [
    { command: 'BASH_ENV=/tmp/evil.sh bash -c true', verdict: 'block' },
    { command: 'LD_PRELOAD=/tmp/evil.so ls', verdict: 'block' },
    { command: "PS4='+ ' bash -x build.sh", verdict: 'allow' },
    { command: 'NODE_OPTIONS=--max-old-space-size=4096 npm run build', verdict: 'allow' },
  ],
});

export const renamedDeleter = defineRule({
  id: 'core.verbs.renamed-deleter',
  verdict: 'block',
  reason:
    'gives a deleting program another name (cp, ln, hash -p, alias): a harmless-looking command would delete',
  examples: [
    { command: 'ln -s /bin/rm ./tidy', verdict: 'block' },
    { command: 'hash -p /usr/bin/rm cat', verdict: 'block' },
    { command: 'cp /bin/ls ./bin/ls-copy', verdict: 'allow' },
  ],
});

export const emptiesFile = defineRule({
  id: 'core.verbs.empties-file',
  verdict: 'block',
  reason:
    'empties a file the project keeps (`: > file`, truncate -s 0, cp /dev/null, sed -i d, an editor script that deletes every line)',
  alternative: 'edit the lines that should change, or delete a generated file by name',
  examples: [
    { command: ': > src/app.ts', verdict: 'block' },
    { command: 'truncate -s 0 package.json', verdict: 'block' },
    { command: "sed -i 'd' src/main.py", verdict: 'block' },
    { command: 'truncate -s 0 logs/app.log', verdict: 'allow' },
    { command: "sed -i 's/foo/bar/g' src/app.ts", verdict: 'allow' },
  ],
});

export const extractOver = defineRule({
  id: 'core.verbs.extract-over',
  verdict: 'block',
  reason: 'extracts an archive over /, a system directory or the home directory, replacing the files there',
  alternative: 'extract into a new directory in the project or under /tmp and look first',
  examples: [
    { command: 'tar -xzf backup.tgz -C /', verdict: 'block' },
    { command: 'unzip -o x.zip -d ~', verdict: 'block' },
    { command: 'tar -xzf vendor.tgz -C vendor/', verdict: 'allow' },
  ],
});

export const moveTreeAway = defineRule({
  id: 'core.verbs.move-tree-away',
  verdict: 'block',
  reason: 'moves a directory of the project (or everything in it) out of the project, to /tmp or a trash',
  alternative: 'rename it inside the project',
  examples: [
    { command: 'mv src /tmp/old-src', verdict: 'block' },
    { command: 'mv lib ~/.Trash/', verdict: 'block' },
    { command: 'mv build/old build/new', verdict: 'allow' },
  ],
});

export const removePermissions = defineRule({
  id: 'core.verbs.remove-permissions',
  verdict: 'block',
  reason: 'takes access away from a whole tree (chmod -R 000, a-rwx) or changes ACLs on system paths',
  examples: [
    { command: 'chmod -R 000 .', verdict: 'block' },
    { command: 'chmod -R u+w node_modules', verdict: 'allow' },
  ],
});

export const makefileFromStdin = defineRule({
  id: 'core.verbs.makefile-from-stdin',
  verdict: 'hold',
  reason:
    'make reads its makefile from stdin (make -f -): its recipes are shell commands the guard may not see',
  examples: [
    { command: "make -f - <<< 'all:; rm -rf ~'", verdict: 'block' },
    { command: 'make -f /dev/stdin < Makefile.ci', verdict: 'hold' },
    { command: 'make -f build.mk test', verdict: 'allow' },
  ],
});
