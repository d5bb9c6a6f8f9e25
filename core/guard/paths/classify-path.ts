import { posix } from 'node:path';
import { isDynamic } from '../syntax/arg.js';
import {
  AGENT_SETTINGS,
  BUILD_OUTPUT_FILE_PATTERNS,
  BUILD_OUTPUT_DIR_PATTERN,
  BUILD_OUTPUT_NAMES,
  BUILD_OUTPUT_PAIRS,
  DATA_STORE_FILE,
  HARMLESS_DEVICES,
  HOME_PARENTS,
  HOME_SECRETS,
  HOME_SENSITIVE,
  KEY_FILE,
  NIGHTSHIFT_CONFIG_NAMES,
  NOT_SECRET_NAMES,
  PROJECT_SECRET_FILE,
  SYSTEM_DIRS,
  SYSTEM_SECRETS,
  TEMP_DIRS,
  VCS_DIRS,
} from './path-names.js';

/** What a path operand points at, from the most to the least dangerous to touch. */
export type PathKind =
  /** `/` */
  | 'root'
  /** an operating-system directory or file (`/etc`, `/usr/lib`, `/var/log`, `/tmp` itself) */
  | 'system'
  /** a block or character device other than the harmless ones (`/dev/sda`, not `/dev/null`) */
  | 'device'
  /** a home directory itself (`~`, `/home/alice`) */
  | 'home'
  /** credentials or login scripts in the home directory (`~/.ssh`, `~/.aws`, `~/.bashrc`) */
  | 'home-sensitive'
  /** anywhere else outside the project (`~/Documents`, `../other`) */
  | 'outside'
  /** the project directory itself (`.`, `*`, the cwd) */
  | 'project-root'
  /** the project's version control (`.git`) */
  | 'project-vcs'
  /** the project's own files */
  | 'project-source'
  /** generated output inside the project (`node_modules`, `dist`, `target`, `*.pyc`) */
  | 'project-build'
  /** below a temporary directory (`/tmp/x`, `$TMPDIR/y`) */
  | 'temp'
  /** a harmless device (`/dev/null`) */
  | 'null-device'
  /** only known at run time (`$DIR`, a relative path after `cd $x`) */
  | 'unknown';

/** A classified path operand. */
export interface PathClass {
  readonly kind: PathKind;
  /** the absolute, normalized path ("" when unknown) */
  readonly path: string;
  /** its content is a secret (private keys, cloud credentials, `.env`) */
  readonly secret: boolean;
  /** it is nightshift's own configuration or state, or an agent's permission settings */
  readonly protected: boolean;
  /** a data store's file inside the project (`app.db`, `dump.rdb`): its data is in no commit and no build */
  readonly dataStore: boolean;
  /** `all`: a glob that matches everything in a directory (`*`, `.*`); `some`: a narrower glob (`*.md`) */
  readonly glob: 'none' | 'some' | 'all';
}

/** Where paths are resolved: the directory a command runs in and the places that matter. */
export interface PathPlaces {
  /** the directory relative paths start from; undefined when it is only known at run time */
  readonly cwd: string | undefined;
  /** the project (the agent's working tree) */
  readonly project: string;
  readonly home: string;
  /** extra temporary directory (`$TMPDIR`) */
  readonly tmpdir?: string | undefined;
  /** absolute paths of nightshift's own config file and state directory */
  readonly protectedPaths: readonly string[];
}

const GLOB_CHARS = /[*?[]/;
/** Stands for "some name" where a glob (or a find pattern, or xargs input) matches part of a path. */
export const ANY_NAME = '\u{E001}';
/** Words that mark a database file as disposable: tests, scratch and caches. */
const DISPOSABLE_DATA = /(^|[-_.])(test|tests|testing|spec|tmp|temp|scratch|cache)([-_.]|$)/i;
/** `.env`, `.env.local`, and a glob that can match them (`.env*`) */
const ENV_FILE = new RegExp(`^\\.env($|\\.|${ANY_NAME})`);

/** Classifies a path operand after resolving `~`, `..`, duplicate slashes and globs (the widest match wins). */
export function classifyPath(raw: string, places: PathPlaces, glob = false): PathClass {
  if (isDynamic(raw) || raw === '') return unknownPath();
  const absolute = absolutePath(raw, places);
  if (absolute === undefined) return unknownPath();
  if (!glob || !GLOB_CHARS.test(absolute))
    return classifyAbsolute(absolute, places, absolute.includes(ANY_NAME) ? 'some' : 'none');
  const parts = absolute.split('/');
  const first = parts.findIndex((part) => GLOB_CHARS.test(part));
  const isLast = first === parts.length - 1;
  if (isLast && matchesEverything(parts[first] ?? '')) {
    const parent = parts.slice(0, first).join('/') || '/';
    return classifyAbsolute(parent, places, 'all');
  }
  const concrete = parts.map((part) =>
    GLOB_CHARS.test(part) ? part.replace(/[*?]|\[[^\]]*\]/g, ANY_NAME) : part,
  );
  return classifyAbsolute(concrete.join('/'), places, 'some');
}

/** True for a path under (or equal to) a directory. */
export function isWithin(path: string, dir: string): boolean {
  if (dir === '/') return true;
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

function unknownPath(): PathClass {
  return { kind: 'unknown', path: '', secret: false, protected: false, dataStore: false, glob: 'none' };
}

/** `*`, `.*`, `?*`, `*.*`: a last component that matches every entry of its directory. */
function matchesEverything(component: string): boolean {
  return component.replace(/[*?]|\[[^\]]*\]/g, '').replace(/\./g, '') === '';
}

function absolutePath(raw: string, places: PathPlaces): string | undefined {
  let path = raw;
  if (path === '~' || path.startsWith('~/')) path = places.home + path.slice(1);
  else if (path.startsWith('~')) {
    const slash = path.indexOf('/');
    const user = slash < 0 ? path.slice(1) : path.slice(1, slash);
    path = posix.join(posix.dirname(places.home), user, slash < 0 ? '' : path.slice(slash));
  }
  if (!path.startsWith('/')) {
    if (places.cwd === undefined) return undefined;
    path = posix.join(places.cwd, path);
  }
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

function classifyAbsolute(path: string, places: PathPlaces, glob: PathClass['glob']): PathClass {
  const [kind, secret] = kindOf(path, places);
  // a certificate (`/etc/ssl/certs/x.pem`, `fullchain.pem`, `ca-bundle.pem`) is public, unlike a key
  const certificate = /\/certs\/[^/]*$|(^|[-_./])(cert|certificate|chain|fullchain|ca|bundle)[-_.]/i.test(
    path,
  );
  const name = posix.basename(path);
  const keyFile = KEY_FILE.test(name) && !(certificate && !/key/i.test(name));
  // a test or scratch database (`test.db`, `db/test.sqlite3`, `tmp.db`) is made again by the test setup
  const dataStore = kind === 'project-source' && DATA_STORE_FILE.test(name) && !DISPOSABLE_DATA.test(name);
  return { kind, path, secret: secret || keyFile, protected: isProtected(path, places), dataStore, glob };
}

/** The kind of an absolute, normalized path, and whether its content is a secret. */
function kindOf(path: string, places: PathPlaces): [PathKind, boolean] {
  if (path === '/') return ['root', false];
  if (path.startsWith('/dev/')) {
    if (HARMLESS_DEVICES.has(path) || path.startsWith('/dev/fd/')) return ['null-device', false];
    return [path.startsWith('/dev/shm/') ? 'temp' : 'device', false];
  }
  const owner = homeOf(path, places.home);
  if (owner && path !== owner) {
    const rel = path.slice(owner.length + 1);
    if (startsWithAny(rel, HOME_SENSITIVE)) return ['home-sensitive', isHomeSecret(rel)];
  }
  if (SYSTEM_SECRETS.some((secret) => isWithin(path, secret))) return ['system', true];
  if (places.project !== '/' && isWithin(path, places.project)) return kindInProject(path, places.project);
  if (path === places.home || HOME_PARENTS.includes(posix.dirname(path))) return ['home', false];
  for (const temp of TEMP_DIRS) {
    if (path === temp) return ['system', false];
    if (isWithin(path, temp)) return ['temp', false];
  }
  if (places.tmpdir && isWithin(path, places.tmpdir))
    return [path === places.tmpdir ? 'system' : 'temp', false];
  const top = path.slice(1, path.indexOf('/', 1) < 0 ? undefined : path.indexOf('/', 1));
  if (SYSTEM_DIRS.has(top) && !isWithin(path, places.home)) return ['system', false];
  return ['outside', false];
}

/** The home directory a path is in: ours, another user's (`/home/alice`, `/Users/bob`), or root's. */
function homeOf(path: string, home: string): string | undefined {
  if (isWithin(path, home)) return home;
  if (isWithin(path, '/root')) return '/root';
  for (const parent of HOME_PARENTS) {
    if (path.startsWith(`${parent}/`)) {
      const end = path.indexOf('/', parent.length + 1);
      return end < 0 ? path : path.slice(0, end);
    }
  }
  return undefined;
}

function kindInProject(path: string, project: string): [PathKind, boolean] {
  if (path === project) return ['project-root', false];
  const parts = path.slice(project.length + 1).split('/');
  const name = parts[parts.length - 1] ?? '';
  if (VCS_DIRS.has(parts[0] ?? '')) return ['project-vcs', false];
  if (
    parts.some(
      (part, index) =>
        BUILD_OUTPUT_NAMES.has(part) ||
        BUILD_OUTPUT_DIR_PATTERN.test(part) ||
        BUILD_OUTPUT_PAIRS.has(`${part}/${parts[index + 1]}`),
    )
  )
    return ['project-build', false];
  if (BUILD_OUTPUT_FILE_PATTERNS.some((pattern) => pattern.test(name))) return ['project-build', false];
  const secret =
    (ENV_FILE.test(name) && !/\.(example|sample|template|dist)$/.test(name)) ||
    PROJECT_SECRET_FILE.test(name) ||
    dotGlobMatchesSecret(name);
  return ['project-source', secret];
}

/** Hidden files that hold secrets, for globs that name hidden files (`.e*`, `.[a-z]*`). */
const HIDDEN_SECRETS = ['.env', '.env.local', '.netrc', '.pgpass', '.git-credentials', '.vault-token'];

/** A glob that starts with a dot (the shell matches hidden files only then) and can match a hidden secret file. */
export function dotGlobMatchesSecret(name: string): boolean {
  if (!name.startsWith('.') || !name.includes(ANY_NAME)) return false;
  const source = name
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .split(ANY_NAME)
    .join('.*');
  const pattern = new RegExp(`^${source}$`);
  return HIDDEN_SECRETS.some((secret) => pattern.test(secret));
}

function isHomeSecret(rel: string): boolean {
  if (!startsWithAny(rel, HOME_SECRETS)) return false;
  if (!rel.startsWith('.ssh/')) return true;
  const name = rel.slice('.ssh/'.length);
  return !name.endsWith('.pub') && !NOT_SECRET_NAMES.has(name);
}

function startsWithAny(rel: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => rel === prefix || rel.startsWith(`${prefix}/`));
}

function isProtected(path: string, places: PathPlaces): boolean {
  if (places.protectedPaths.some((item) => isWithin(path, item))) return true;
  const name = posix.basename(path);
  if (NIGHTSHIFT_CONFIG_NAMES.some((pattern) => pattern.test(name))) return true;
  return AGENT_SETTINGS.some((settings) => path.endsWith(`/${settings}`));
}
