import { gitConfigFile, RemoteBook } from './git-remotes.js';
import { canonicalRemote, hostMatches, hostOf, isLoopback } from './hosts.js';

// Which hosts and remotes may receive code, data or a secret: this machine, the project's own git remotes
// (as they were when the guard first read them), and what the config lists in `guard.trustedHosts` and
// `guard.trustedRemotes`. Everything else is foreign.

/** The trust a guard is set up with; fixed for the guard's life. */
export interface TrustPolicy {
  /** host patterns from the config: `api.acme.com`, `*.acme.com` */
  readonly hosts: readonly string[];
  /** remote names (`origin`) or URL prefixes (`github.com/acme/`) from the config */
  readonly remotes: readonly string[];
  /** the project's git remotes */
  book(project: string): RemoteBook;
}

/** What a check asks about hosts and remotes during one verdict. */
export interface Trust {
  /** may this host receive code, data or a secret? */
  host(host: string): boolean;
  /** may this URL receive a push? (a remote the project had, or one the config trusts) */
  pushUrl(url: string): boolean;
  /** may the remote of this name receive a push whatever its URL? (named in the config) */
  remoteName(name: string): boolean;
  /** the URL a remote name stands for: added earlier in the line, else from the git config now */
  resolve(name: string): string | undefined;
  /** remembers `git remote add NAME URL` (or `set-url`) for the rest of the line */
  addRemote(name: string, url: string | undefined): void;
}

/** A policy with the config's lists and a remote book per project directory. */
export function createTrustPolicy(
  hosts: readonly string[] = [],
  remotes: readonly string[] = [],
): TrustPolicy {
  const books = new Map<string, RemoteBook>();
  return {
    hosts,
    remotes,
    book(project) {
      let book = books.get(project);
      if (!book) {
        book = new RemoteBook(gitConfigFile(project));
        if (books.size < 64) books.set(project, book);
      }
      return book;
    },
  };
}

/** The trust for one verdict in one project. */
export function trustFor(policy: TrustPolicy, project: string): Trust {
  const added = new Map<string, string | undefined>();
  let originalHosts: Set<string> | undefined;
  let originalUrls: Set<string> | undefined;
  const original = () => {
    if (!originalUrls) {
      const urls = [...policy.book(project).original().values()].flat();
      originalUrls = new Set(urls.map(canonicalRemote));
      originalHosts = new Set(
        urls.map((url) => hostOf(url)).filter((host): host is string => host !== undefined),
      );
    }
    return { urls: originalUrls, hosts: originalHosts as Set<string> };
  };
  const configured = (host: string) => policy.hosts.some((pattern) => hostMatches(host, pattern));
  return {
    host(host) {
      return isLoopback(host) || configured(host) || original().hosts.has(host);
    },
    pushUrl(url) {
      const canonical = canonicalRemote(url);
      const host = hostOf(url);
      if (/^file:/i.test(url) || (!host && !/^[a-z][\w+.-]*:\/\//i.test(url))) return true;
      if (host && (isLoopback(host) || configured(host))) return true;
      if (original().urls.has(canonical)) return true;
      return policy.remotes.some(
        (entry) => /[/:.]/.test(entry) && canonical.startsWith(canonicalRemote(entry)),
      );
    },
    remoteName(name) {
      return policy.remotes.includes(name);
    },
    resolve(name) {
      if (added.has(name)) return added.get(name);
      return policy.book(project).now().get(name)?.[0];
    },
    addRemote(name, url) {
      added.set(name, url);
    },
  };
}
