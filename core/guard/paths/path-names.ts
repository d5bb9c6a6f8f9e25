// The names that decide a path's class: system directories, sensitive files in the home directory,
// generated build output inside a project. Data only; classify-path.ts applies it.

/** Top-level directories that belong to the operating system or to every user. */
export const SYSTEM_DIRS: ReadonlySet<string> = new Set([
  'bin',
  'boot',
  'dev',
  'etc',
  'home',
  'lib',
  'lib32',
  'lib64',
  'libx32',
  'media',
  'mnt',
  'nix',
  'opt',
  'proc',
  'root',
  'run',
  'sbin',
  'snap',
  'srv',
  'sys',
  'tmp',
  'usr',
  'var',
  'Applications',
  'Library',
  'System',
  'Users',
  'Volumes',
  'private',
  'cores',
]);

/** Directories whose children belong to one program run and may be removed (their top level may not). */
export const TEMP_DIRS: readonly string[] = [
  '/tmp',
  '/var/tmp',
  '/private/tmp',
  '/private/var/folders',
  '/dev/shm',
];

/** Where the other users' home directories live. */
export const HOME_PARENTS: readonly string[] = ['/home', '/Users'];

/** Device files that are harmless to read or write: writing to them destroys nothing. */
export const HARMLESS_DEVICES: ReadonlySet<string> = new Set([
  '/dev/null',
  '/dev/zero',
  '/dev/random',
  '/dev/urandom',
  '/dev/stdin',
  '/dev/stdout',
  '/dev/stderr',
  '/dev/tty',
  '/dev/full',
]);

/**
 * Entries of the home directory that hold credentials or run code at login; a path is sensitive when it
 * starts with one of these (compared component by component, so `.config/gh` covers `.config/gh/hosts.yml`).
 */
export const HOME_SENSITIVE: readonly string[] = [
  '.ssh',
  '.aws',
  '.azure',
  '.gnupg',
  '.kube',
  '.docker',
  '.config',
  '.netrc',
  '.git-credentials',
  '.gitconfig',
  '.npmrc',
  '.pypirc',
  '.pgpass',
  '.my.cnf',
  '.vault-token',
  '.terraform.d',
  '.password-store',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.local/share/keyrings',
  'Library/Keychains',
  '.bashrc',
  '.bash_aliases',
  '.aliases',
  '.bash_profile',
  '.bash_login',
  '.bash_logout',
  '.profile',
  '.zshrc',
  '.zshenv',
  '.zprofile',
  '.zlogin',
  '.zlogout',
  '.kshrc',
  '.cshrc',
  '.tcshrc',
  '.xprofile',
  '.xinitrc',
  'Library/LaunchAgents',
  'Library/LaunchDaemons',
  '.bash_history',
  '.zsh_history',
  '.claude',
  '.codex',
  '.gemini',
];

/**
 * The subset of {@link HOME_SENSITIVE} whose content is a secret (keys, tokens, passwords). `.config` as a
 * whole is sensitive to delete, but only its credential folders are secrets.
 */
export const HOME_SECRETS: readonly string[] = [
  '.ssh',
  '.aws',
  '.azure',
  '.gnupg',
  '.kube/config',
  '.docker/config.json',
  '.config/gh',
  '.config/hub',
  '.config/gcloud',
  '.config/doctl',
  '.netrc',
  '.git-credentials',
  '.npmrc',
  '.pypirc',
  '.pgpass',
  '.my.cnf',
  '.vault-token',
  '.terraform.d/credentials.tfrc.json',
  '.bash_history',
  '.zsh_history',
  '.password-store',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.local/share/keyrings',
  'Library/Keychains',
];

/** File names that hold keys wherever they are (`server.pem`, `id_ed25519`, `release.keystore`). */
export const KEY_FILE = /\.(pem|key|p12|pfx|kdbx|keystore|jks|ppk)$|^id_(rsa|dsa|ecdsa|ed25519)$/;

/**
 * Credential files a project may hold besides `.env` and keys: Google and cloud service-account keys, OAuth
 * client secrets, copies of login files (`.netrc`, `.pgpass`, `.git-credentials`).
 */
export const PROJECT_SECRET_FILE =
  /^(credentials|client_secrets?[\w.-]*|service[-_]?account[\w.-]*|[\w-]*firebase-adminsdk[\w.-]*|gcp[-_]?key[\w.-]*)\.json$|^(\.netrc|\.pgpass|\.git-credentials|\.vault-token)$/i;

/** Files in `~/.ssh` that are not secret (public keys are recognised by their `.pub` suffix). */
export const NOT_SECRET_NAMES: ReadonlySet<string> = new Set(['known_hosts', 'config', 'authorized_keys']);

/** System files whose content is a secret. */
export const SYSTEM_SECRETS: readonly string[] = [
  '/etc/shadow',
  '/etc/gshadow',
  '/etc/sudoers',
  '/etc/master.passwd',
  '/etc/ssh',
];

/** Directory names a build or a tool generates inside a project: safe to delete, rebuilt on demand. */
export const BUILD_OUTPUT_NAMES: ReadonlySet<string> = new Set([
  'node_modules',
  'dist',
  'build',
  'out',
  'target',
  'coverage',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.turbo',
  '.cache',
  '.parcel-cache',
  '.vite',
  '.angular',
  '.vercel',
  '.serverless',
  '.eslintcache',
  '.nyc_output',
  '__pycache__',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  '.venv',
  'venv',
  '.eggs',
  '.gradle',
  '.dart_tool',
  'DerivedData',
  'tmp',
  'Pods',
  '_site',
  '.expo',
  '.terraform',
  '.docusaurus',
  'storybook-static',
  'elm-stuff',
  '.stack-work',
  'dist-newstyle',
  '_build',
  'obj',
  '.pnpm-store',
  'htmlcov',
  '.sass-cache',
  '.jekyll-cache',
  '.webpack',
  '.esbuild',
  '.swc',
  '.parcel-cache',
  '.pytest_cache',
  '.hypothesis',
  '.ipynb_checkpoints',
  '.bundle',
  'generated',
  '__generated__',
]);

/** Generated directories named by two parts (`vendor/bundle`, `.yarn/cache`, `bin/Debug`). */
export const BUILD_OUTPUT_PAIRS: ReadonlySet<string> = new Set([
  'vendor/bundle',
  '.yarn/cache',
  '.yarn/unplugged',
  '.yarn/install-state.gz',
  'bin/Debug',
  'bin/Release',
  '.angular/cache',
]);

/** Generated directory names with a variable part (`cmake-build-debug`). */
export const BUILD_OUTPUT_DIR_PATTERN = /^cmake-build-[\w-]+$/;

/** File names a build generates (compiled or cached files): safe to delete wherever they are in a project. */
export const BUILD_OUTPUT_FILE_PATTERNS: readonly RegExp[] = [
  /\.(pyc|pyo|o|obj|class|tsbuildinfo|log|tmp)$/i,
  /\.egg-info$/,
  /^(\.DS_Store|Thumbs\.db|desktop\.ini)$/,
  /\.(orig|rej|bak|swp|swo|coverage)$|~$|^\.coverage$/,
  /^(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|poetry\.lock|Pipfile\.lock|Gemfile\.lock|composer\.lock|uv\.lock|pdm\.lock|mix\.lock|pubspec\.lock|Podfile\.lock)$/,
];

/**
 * Files that hold a data store's data (SQLite, DuckDB, LMDB, Redis dumps, MySQL and MongoDB table files) and
 * their journals: deleting one loses data that is not in git and that no build makes again.
 */
export const DATA_STORE_FILE =
  /\.(db|sqlite|sqlite3|db3|s3db|sl3|sqlitedb|duckdb|mdb|accdb|realm|rdb|aof|ldb|ibd|myd|wt|kdbx)(-(wal|shm|journal))?$|^appendonly\.aof(\.|$)/i;

/** Names that are almost always files, not directories: `rm -rf` of one deletes a single file. */
export const FILE_NAME =
  /\.(json|lock|ya?ml|toml|txt|md|rst|log|[cm]?js|tsx?|jsx|py|rb|go|rs|java|kt|c|h|cc|cpp|hpp|sh|css|scss|html|xml|csv|ini|cfg|conf|zip|tgz|gz|tar|png|jpe?g|gif|svg|pdf|db|sqlite3?|pid|bak|orig|swp|patch|diff)$/i;

/** Version-control directories at the root of a project. */
export const VCS_DIRS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', '.jj']);

/** Names of nightshift's own configuration files (the "guard itself" pack protects them wherever they are). */
export const NIGHTSHIFT_CONFIG_NAMES: readonly RegExp[] = [
  /^nightshift\.config\.[cm]?[jt]s$|^nightshift\.config\.(json|ya?ml)$/,
  /^\.nightshiftrc/,
  /^nightshift-state$/,
];

/** Settings files that hold an agent's permission rules and hooks (editing them loosens the agent's own guard). */
export const AGENT_SETTINGS: readonly string[] = [
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.codex/config.toml',
  '.gemini/settings.json',
];
