// Non-shell actions (file edits, fetches, MCP tool calls) the guard cannot parse: words and paths that need a person.
import { homedir } from 'node:os';
import { isAbsolute, normalize } from 'node:path';

/** Tool calls (MCP, skills) that delete, publish or reach production. */
const TOOL_RISKS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /(?:\b|_)(?:delete|destroy|drop|purge|wipe|truncate|erase|force[-_ ]?push|merge|transfer|revoke|deploy|publish|release)/i,
    'a destructive or publishing tool call',
  ],
  [/\bprod(?:uction)?\b/i, 'touches production'],
];

/** Paths no unattended edit should touch. */
const PATH_RISKS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /(?:^|[\s/('"=:])(?:~|\$HOME|\/home\/[^/\s]+|\/root)\/\.(?:ssh|gnupg|aws|kube|docker|config\/gh)\b/i,
    'credentials or keys',
  ],
  [/(?:^|[\s('"=:])\/(?:etc|usr|bin|sbin|boot|dev|sys|proc|var\/lib)\//, 'a system path'],
  [
    /(?:^|[\s/('"=:])\.(?:bashrc|zshrc|profile|bash_profile|zprofile|gitconfig|npmrc|netrc|env)\b/,
    'shell startup or credential files',
  ],
  [
    /\.git\/hooks\/|\.claude\/settings|\.codex\/config|authorized_keys|sudoers/i,
    'settings that change what runs unattended',
  ],
];

/**
 * A credential carried in a fetched URL: a provider token's shape (GitHub, GitLab, Slack, OpenAI, Anthropic, AWS,
 * Google, Stripe), a JWT, or a query or userinfo value under a secret's name. Fetching it hands the secret to the
 * host.
 */
const URL_SECRET =
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|glpat-[\w-]{20,}|xox[abposr]-[\w-]{10,}|sk-(?:ant-|proj-)?[\w-]{20,}|AKIA[0-9A-Z]{16}|AIza[\w-]{30,}|[rs]k_live_\w{16,}|eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]+)|[?&](?:[\w-]*(?:token|secret|passw(?:or)?d|api[-_]?key|apikey|auth|credential|session)[\w-]*)=[^&\s]{8,}|\/\/[^/@\s]+:[^/@\s]+@/i;

/** An action on one file: `edit src/a.ts`, `create ../x/y.md`, `write /tmp/z`, `read Read(/x/y)`. */
const FILE_ACTION = /^(?:edit|create|write|delete|overwrite|read)\s+(?:\w+\((.+)\)|(.+))$/;

/**
 * A URL past this machine's dev servers: link-local (a cloud's metadata), RFC 1918, `.internal`/`.local` names,
 * `file:`. Loopback is a dev server (the shell guard reads it the same way) and is fetched like the web.
 */
const PRIVATE_HOST =
  /\bfile:\/\/|\/\/(?:[^/@\s]*@)?(?:169\.254\.\d+\.\d+|\[fd00:ec2::254\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+|metadata(?:\.google)?\.internal|[\w.-]+\.(?:local|internal))(?=[:/\s"]|$)/i;

/** A path shortened by the TUI (`/home/dev/…/app`, `…/src/a.ts`, `/very/long/pa...`): what it names is not shown. */
const CUT_PATH = /…|\.{3}$|^\.{3}/;

/** Where the agent works, for judging which folder a trust dialog names. */
export interface ActionPlace {
  /** the agent's configured working directory, when known */
  readonly cwd?: string | undefined;
  /** the home directory (default: this machine's) */
  readonly home?: string | undefined;
}

/** Why an action summary (`edit src/a.ts`, `mcp github - delete_repo(…)`) needs a person, or undefined when it looks routine. */
export function actionRisk(action: string, place: ActionPlace = {}): string | undefined {
  const trust = /^trust (?:folder|directory)(?: (.+))?$/.exec(action);
  if (trust) return trust[1] === undefined ? undefined : trustRisk(trust[1].trim(), place);
  if (/^fetch\s/.test(action) && URL_SECRET.test(action)) return 'sends a credential in the fetched URL';
  if (/^fetch\s/.test(action) && PRIVATE_HOST.test(action))
    return "fetches from a private network or a cloud's metadata address, or a local file";
  const file = FILE_ACTION.exec(action);
  const outside = file ? outsideRisk((file[1] ?? file[2]!).trim(), place) : undefined;
  if (outside) return outside;
  const tool = /^(?:mcp|use skill)\b/.test(action);
  return (
    (tool ? TOOL_RISKS.find(([re]) => re.test(action))?.[1] : undefined) ??
    PATH_RISKS.find(([re]) => re.test(action))?.[1]
  );
}

/**
 * A folder to trust: only the agent's own working directory. Without one configured, never the root, the home
 * directory or a folder above it, or a system folder.
 */
function trustRisk(folder: string, place: ActionPlace): string | undefined {
  if (CUT_PATH.test(folder)) return 'trust a folder whose path is cut off';
  const home = place.home ?? homedir();
  const full = normalize(folder.replace(/^~(?=\/|$)/, home)).replace(/(?<=.)\/+$/, '');
  if (place.cwd !== undefined) {
    const cwd = normalize(place.cwd.replace(/^~(?=\/|$)/, home)).replace(/(?<=.)\/+$/, '');
    return full === cwd ? undefined : `trust a folder other than the agent's (${cwd})`;
  }
  if (!isAbsolute(full)) return 'trust a folder whose path is not shown whole';
  const h = normalize(home);
  if (full === '/' || h === full || h.startsWith(`${full}/`)) return 'trust the root or the home directory';
  if (PATH_RISKS.some(([re]) => re.test(` ${full}/`))) return 'trust a system or credentials folder';
  return undefined;
}

/**
 * A file outside the agent's folder: `../…`, or an absolute path not under the configured folder (Codex names every
 * file by its absolute path, so without a configured folder an absolute path alone is not a reason to hold).
 */
function outsideRisk(path: string, place: ActionPlace): string | undefined {
  if (CUT_PATH.test(path)) return 'a file whose path is cut off';
  if (/^\.\.(?:\/|$)/.test(normalize(path))) return "a file outside the agent's folder";
  if (place.cwd === undefined || !/^(?:\/|~(?:\/|$)|\$HOME\b)/.test(path)) return undefined;
  const home = place.home ?? homedir();
  const full = normalize(path.replace(/^(?:~|\$HOME)(?=\/|$)/, home));
  const cwd = normalize(place.cwd.replace(/^~(?=\/|$)/, home)).replace(/(?<=.)\/+$/, '');
  return full.startsWith(`${cwd}/`) ? undefined : `a file outside the agent's folder (${cwd})`;
}
