// Programs the guard knows to be harmless on their own. Programs with checks (rm, git, docker…) are known
// too; everything else is held as unknown. A program here can still be refused by a rule about how it is
// used: a redirect to /etc, a secret file as an operand, a pipe into it from curl.

const GROUPS: Readonly<Record<string, string>> = {
  builtins: `: true false echo printf pwd test [ [[ read mapfile readarray let shift getopts return exit break continue
    unset alias unalias hash type ulimit umask shopt setopt unsetopt bind complete compgen compopt dirs jobs fg bg
    disown wait times logout history fc local declare typeset readonly export set help enable suspend caller`,
  files: `ls ll la dir vdir cat tac nl head tail less more most wc sort uniq cut paste join tr fold fmt expand unexpand
    rev comm diff diff3 sdiff cmp colordiff patch grep egrep fgrep rg ag ack tree locate which whereis file stat du df
    realpath readlink dirname basename pathchk mkdir rmdir mktemp seq yes date cal sleep expr bc dc factor numfmt
    split csplit iconv dos2unix unix2dos column tput stty tty clear reset sync md5sum sha1sum sha224sum sha256sum
    sha384sum sha512sum shasum md5 cksum b2sum sum base64 base32 basenc xxd od hexdump strings gzip gunzip zcat
    bzip2 bunzip2 bzcat xz unxz xzcat zstd unzstd zstdcat lz4 unlz4 zip unzip 7z 7za 7zz unrar bsdtar ar cpio
    envsubst gettext m4 jq yq xq gron jless fx bat batcat exa eza lsd fzf ncdu duf dust procs tokei cloc scc pandoc
    asciidoctor convert magick identify ffmpeg ffprobe exiftool pdftotext xmllint tidy logger printenv id whoami
    groups users who w last lastlog uname hostname arch nproc free uptime getconf locale localedef tzselect
     cowsay figlet lolcat tldr man info apropos whatis open xdg-open pbcopy pbpaste xclip xsel wl-copy
    wl-paste notify-send say watchman inotifywait fswatch`,
  processes: `ps pgrep pidof pstree top htop btop atop glances vmstat iostat mpstat sar pidstat lsof ss netstat
    sockstat dmesg journalctl lsblk blkid findmnt lscpu lspci lsusb lsmod lshw hwinfo dmidecode sensors
    nvidia-smi sw_vers system_profiler ioreg vm_stat atq lvs vgs pvs lvdisplay vgdisplay pvdisplay getent`,
  network: `ping ping6 traceroute traceroute6 tracepath mtr dig nslookup host whois drill curl wget http https xh
    httpie grpcurl openssl ssh-keygen ssh-add ssh-agent ssh-keyscan ssh-copy-id scp sftp ftp telnet arp iwconfig
    iw nmap`,
  vcs: `git gh glab hub tig lazygit delta difft difftastic git-lfs svn hg`,
  javascript: `node nodejs npm npx yarn pnpm pnpx bun bunx deno corepack tsc tsx ts-node esbuild swc vite webpack
    webpack-cli rollup parcel turbo nx lerna jest vitest mocha ava tap playwright cypress eslint prettier biome oxlint
    stylelint tslint standard xo next nuxt nuxi astro remix svelte-kit ng vue react-scripts create-react-app
    create-next-app create-vite degit storybook changeset tsup unbuild microbundle size-limit knip depcheck madge
    c8 nyc husky lint-staged commitlint nvm n fnm volta vue-tsc svelte-check tailwindcss postcss sass lessc
    babel rimraf wrangler vercel netlify serve http-server concurrently nodemon`,
  python: `python python2 python3 pypy pypy3 pip pip3 pipx uv uvx poetry pipenv pdm hatch rye conda mamba micromamba
    virtualenv pytest py.test tox nox black isort ruff flake8 pylint mypy pyright pyre bandit coverage ipython
    jupyter jupyter-lab sphinx-build mkdocs django-admin flask uvicorn gunicorn hypercorn celery alembic pre-commit
    twine pyenv maturin`,
  ruby: `ruby gem bundle bundler rake rails rspec rubocop irb pry erb rbenv`,
  go: `go gofmt goimports golangci-lint gopls dlv air staticcheck govulncheck`,
  rust: `cargo rustc rustup rustfmt rustdoc cargo-clippy clippy-driver`,
  jvm: `java javac jar jshell mvn mvnw gradle gradlew kotlin kotlinc sbt scala lein clojure clj`,
  dotnet: `dotnet msbuild nuget csc`,
  native: `make gmake cmake ninja meson gcc g++ cc c++ clang clang++ ld gdb lldb autoconf automake autoreconf
    libtool pkg-config bazel bazelisk buck2 scons just task mage swift swiftc xcodebuild xcrun pod carthage
    zig nim crystal julia dart flutter ghc ghci cabal stack elixir iex erl rebar3 mix php composer phpunit
    perl ruby lua luajit rscript tclsh r`,
  containers: `docker docker-compose podman podman-compose nerdctl kubectl kubectx kubens helm helmfile k9s
    kustomize skaffold tilt stern kind minikube k3d`,
  infrastructure: `terraform tofu terragrunt tflint tfsec checkov pulumi cdk cdktf sam serverless sls sst packer
    vagrant ansible ansible-playbook ansible-lint ansible-inventory aws gcloud gsutil bq az doctl heroku fly flyctl
    firebase railway linode-cli hcloud oci ibmcloud scw s3cmd mc rclone b2 supabase neonctl pscale turso eb
    copilot amplify`,
  databases: `psql mysql mariadb sqlite3 sqlite duckdb redis-cli valkey-cli mongosh mongo cqlsh clickhouse
    clickhouse-client sqlcmd snowsql cockroach pg_dump pg_dumpall pg_isready createdb mysqldump mariadb-dump
    mongodump mongoexport pgcli mycli litecli usql`,
  inspection: `scutil mdfind mdls hdiutil csrutil pkgutil xattr codesign spctl plutil sips screencapture log
    lsb_release pmap lslocks lsipc lsns ipcs tload slabtop resolvectl ldd nm objdump readelf otool lsattr getfacl
    namei mountpoint smartctl inxi neofetch fastfetch screenfetch`,
  scanners: `trivy grype syft snyk semgrep gitleaks trufflehog kubeconform kubeval conftest opa act terraform-docs
    infracost locust vegeta siege glow bpython ocaml groovy racket guile sbcl nimble vcpkg conan sdk gitk
    diff-so-fancy xmlstarlet csvlook csvcut csvstat mlr xsv datamash pr aspell hunspell websocat wscat skopeo crane
    dive ctop lazydocker kubeseal eksctl kops`,
  more: `ctest cpack clang-format clang-tidy perf tcpdump ncu npm-check-updates dot neato iotop iftop nethogs bmon
    mmdc plantuml deactivate mkfifo sponge pv age gpg gpg2 redis-server cursor newman k6 ab wrk hey lighthouse mkcert svgo
    wasm-pack protoc buf openapi-generator graphql-codegen expo eas react-native fastlane opam dune elm gleam
    localstack mount umount direnv-stdlib ts-node-dev jq-1.6 gunzip unlz4 nvim-qt hugo jekyll zola eleventy`,
  editors: `vi vim nvim nano emacs code subl micro hx kak`,
  lint: `shellcheck shfmt hadolint yamllint markdownlint markdownlint-cli2 actionlint editorconfig-checker codespell
    typos vale cspell commitizen cz`,
  systemTools: `systemctl service journalctl launchctl brew apt apt-get apt-cache aptitude dpkg dpkg-query rpm yum
    dnf pacman zypper apk snap flatpak port nix nix-env nix-shell crontab diskutil fdisk sfdisk parted gdisk sgdisk
    wipefs hdparm iptables ip6tables nft ufw firewall-cmd ip ifconfig route nmcli sysctl kill killall pkill tmux
    screen`,
};

/** Every program known to be harmless on its own, by normalized name. */
export const KNOWN_PROGRAMS: ReadonlySet<string> = new Set(
  Object.values(GROUPS).flatMap((group) => group.split(/\s+/).filter(Boolean)),
);
