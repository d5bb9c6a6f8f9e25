import { describe, expect, it } from 'vitest';
import { check } from './helpers.js';

// Red-team families where an everyday program runs text it was handed: a variable naming a pager, editor or
// password helper, a pager's start-up keys, an editor's ex commands, parallel's command lines, git's ext::
// transport, strace's output pipe. Each table holds refusals and the look-alikes that must stay allowed.

type Row = [command: string, verdict: 'allow' | 'block' | 'hold'];

const FAMILIES: Record<string, Row[]> = {
  'variables that name a command, for any program': [
    ["SYSTEMD_PAGER='rm -rf ~' journalctl -u x", 'block'],
    ["AWS_PAGER='rm -rf ~' aws s3 ls", 'block'],
    ["GH_EDITOR='rm -rf ~' gh pr create", 'block'],
    ["PSQL_PAGER='rm -rf ~' psql -c 'select 1'", 'block'],
    ["PAGER='rm -rf ~' mysql -e 'show tables'", 'block'],
    ["MANPAGER='rm -rf ~' man ls", 'block'],
    ["BROWSER='rm -rf ~' npm start", 'block'],
    ["SUDO_ASKPASS='rm -rf ~' sudo -A ls", 'block'],
    ["GIT_PROXY_COMMAND='rm -rf ~' git fetch", 'block'],
    ["FCEDIT='rm -rf ~' fc", 'block'],
    ['KUBE_EDITOR="$X" kubectl get pods', 'hold'],
    ["export PAGER='rm -rf ~'; git log", 'block'],
    ["export SYSTEMD_PAGER='rm -rf ~'; systemctl status", 'block'],
    ["export LESSOPEN='|rm -rf ~ %s'; less x", 'block'],
    ["declare -x GH_PAGER='rm -rf ~'", 'block'],
    ['GIT_PAGER=cat git log', 'allow'],
    ['SYSTEMD_PAGER= journalctl -u x', 'allow'],
    ['AWS_PAGER="" aws s3 ls', 'allow'],
    ['GH_PAGER=cat gh pr list', 'allow'],
    ['EDITOR=vim git commit', 'allow'],
    ['BROWSER=none npm start', 'allow'],
    ["export PAGER='less -R'", 'allow'],
  ],
  "a pager's start-up keys and log file": [
    ["less '+!rm -rf ~' README.md", 'block'],
    ["less '++!rm -rf ~' README.md", 'block'],
    ["more '+!rm -rf ~' README.md", 'block'],
    ["LESS='-R +!rm -rf ~' less README.md", 'block'],
    ["less '+|a sh' README.md", 'block'],
    ['less -o ~/.bashrc README.md', 'block'],
    ['less +G log.txt', 'allow'],
    ['less +F log.txt', 'allow'],
    ['less +/ERROR! log.txt', 'allow'],
    ['less -R log.txt', 'allow'],
  ],
  'editor ex commands: other languages, built commands, sourced scripts, writes': [
    ['vim -c \'lua os.execute("rm -rf ~")\'', 'hold'],
    ["nvim --headless -c 'luado print(1)' -c q", 'hold'],
    ['vim -c \'exe "!rm -rf ~"\'', 'block'],
    ["vim -c 'exe g:cmd'", 'hold'],
    ["vim -c 'terminal rm -rf ~'", 'block'],
    ["vim -c 'w !sh' x.txt", 'block'],
    ["vim -c 'set ft=sh|w !sh' x.txt", 'block'],
    ["vim -c 'silent keepalt r !rm -rf ~'", 'block'],
    ["vim -c 'source /tmp/x.vim'", 'hold'],
    ['vim -S /tmp/evil.vim', 'hold'],
    ['vim -u ~/Downloads/evil.vimrc', 'hold'],
    ["vim -c 'saveas ~/.ssh/authorized_keys' x.txt", 'block'],
    ["vim -c '%s/a/b/' -c 'wq' /etc/hosts", 'block'],
    ["vim +'normal! ggdG' +wq ~/.bashrc", 'block'],
    ["vim +'normal! ggdG' +wq src/a.ts", 'block'],
    ["vim -c 'set ft=sh' x.txt", 'allow'],
    ["vim +'%s/foo/bar/g' +wq src/x.ts", 'allow'],
    ["vim -c 'w out.txt' x.txt", 'allow'],
    ['vim -c \'exe "normal G"\' x.txt', 'allow'],
    ['vim -S Session.vim', 'allow'],
    ['vim -u NONE x.txt', 'allow'],
  ],
  "parallel's command lines and strace's output pipe": [
    ["parallel ::: 'rm -rf ~'", 'block'],
    ["echo 'rm -rf ~' | parallel", 'block'],
    ["printf 'ls\\nrm -rf ~\\n' | parallel", 'block'],
    ['cat jobs.txt | parallel', 'hold'],
    ["strace -o '|rm -rf ~' ls", 'block'],
    ["strace -o '!rm -rf ~' ls", 'block'],
    ["parallel ::: 'npm test' 'npm run lint'", 'allow'],
    ['strace -o trace.txt ls', 'allow'],
  ],
  "git's ext:: transport runs its URL": [
    ["git -c protocol.ext.allow=always clone 'ext::sh -c rm% -rf% ~'", 'block'],
    ["git -c remote.origin.url='ext::sh -c rm% -rf% ~' fetch", 'block'],
    ["git remote add x 'ext::rm -rf /'", 'block'],
    ["git clone 'ext::sh -c touch% /tmp/pwned'", 'allow'],
    ["git commit -m 'use the ext::foo transport'", 'allow'],
    ['git clone https://github.com/o/r', 'allow'],
  ],
};

describe('programs that run text they are handed', () => {
  for (const [family, rows] of Object.entries(FAMILIES)) {
    describe(family, () => {
      it.each(rows)('%s → %s', (command, verdict) => {
        expect(check(command).verdict).toBe(verdict);
      });
    });
  }
});
