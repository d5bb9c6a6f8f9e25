import { UNKNOWN } from '../syntax/arg.js';

// Where a command sends things: the host named by a URL, an scp-style `user@host:path`, or a bare
// `host:port/path`, and whether that host is this machine.

/** The host of a destination, lower case; `undefined` when the text names no host; `UNKNOWN` when only known at run time. */
export function hostOf(destination: string, { bare = false } = {}): string | undefined {
  const url = /^[a-z][\w+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(destination);
  if (url) return normalizeHost(url[1] ?? '');
  if (/^(file|data|mailto):/i.test(destination)) return undefined;
  const scp = /^(?:[^@/:\s]+@)?(\[[^\]]+\]|[^:/@\s]+):(?!\/\/)/.exec(destination);
  if (scp && !/^\d+$/.test(destination.slice((scp[0] ?? '').length).split('/')[0] ?? 'x'))
    return normalizeHost(scp[1] ?? '');
  if (!bare) return undefined;
  if (destination.startsWith(':')) return 'localhost';
  const plain = /^(?:[^@/\s]+@)?(\[[^\]]+\]|[^:/?#\s]+)/.exec(destination);
  const host = plain?.[1] ?? '';
  return /[.\u{E000}]|^localhost$/u.test(host) ? normalizeHost(host) : undefined;
}

function normalizeHost(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare.includes(UNKNOWN) || bare === '' ? UNKNOWN : bare.replace(/\.$/, '');
}

/** This machine: `localhost`, `*.localhost`, 127.0.0.0/8, `::1`, `0.0.0.0`. */
export function isLoopback(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '::1' ||
    host === '0.0.0.0' ||
    host === '0:0:0:0:0:0:0:1'
  );
}

/** True when `host` matches a pattern: an exact name, or `*.example.com` for the domain and every name below it. */
export function hostMatches(host: string, pattern: string): boolean {
  const wanted = pattern.toLowerCase();
  if (wanted.startsWith('*.')) {
    const domain = wanted.slice(2);
    return host === domain || host.endsWith(`.${domain}`);
  }
  return host === wanted;
}

/** Services whose credentials go by a recognisable name, and the domains those credentials are meant for. */
const SERVICE_DOMAINS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^(GH|GITHUB)_/, ['github.com', 'githubusercontent.com', 'ghcr.io']],
  [/^(GL|GITLAB|CI_JOB)_/, ['gitlab.com']],
  [/^(NPM|NODE_AUTH)_/, ['npmjs.org', 'npmjs.com']],
  [/^(PYPI|TWINE|UV_PUBLISH|POETRY_PYPI)_/, ['pypi.org', 'python.org']],
  [/^(CARGO_REGISTRY|CRATES_IO)_/, ['crates.io']],
  [/^(GEM_HOST|RUBYGEMS)_/, ['rubygems.org']],
  [/^(DOCKER|DOCKERHUB)_/, ['docker.io', 'docker.com']],
  [/^OPENAI_/, ['openai.com']],
  [/^ANTHROPIC_/, ['anthropic.com']],
  [/^(GEMINI|GOOGLE|GCP|GCLOUD)_/, ['googleapis.com', 'google.com']],
  [/^(HF|HUGGING_?FACE)_/, ['huggingface.co']],
  [/^AWS_/, ['amazonaws.com', 'aws.amazon.com']],
  [/^(AZURE|ARM)_/, ['azure.com', 'microsoft.com', 'windows.net', 'microsoftonline.com']],
  [/^(CF|CLOUDFLARE)_/, ['cloudflare.com']],
  [/^VERCEL_/, ['vercel.com']],
  [/^NETLIFY_/, ['netlify.com']],
  [/^HEROKU_/, ['heroku.com']],
  [/^(FLY|FLY_API)_/, ['fly.io']],
  [/^(DIGITALOCEAN|DO)_/, ['digitalocean.com']],
  [/^SLACK_/, ['slack.com']],
  [/^STRIPE_/, ['stripe.com']],
  [/^SENTRY_/, ['sentry.io']],
  [/^(DATADOG|DD)_/, ['datadoghq.com', 'datadoghq.eu']],
  [/^LINEAR_/, ['linear.app']],
  [/^NOTION_/, ['notion.com', 'notion.so']],
  [/^SUPABASE_/, ['supabase.co', 'supabase.com']],
  [/^TWILIO_/, ['twilio.com']],
  [/^SENDGRID_/, ['sendgrid.com']],
  [/^(CODECOV)_/, ['codecov.io']],
  [/^(JIRA|ATLASSIAN|CONFLUENCE)_/, ['atlassian.net', 'atlassian.com']],
];

/** True when a credential's name says it belongs to the service at `host` (`$GITHUB_TOKEN` → api.github.com). */
export function serviceOwns(variable: string, host: string): boolean {
  const name = variable.toUpperCase();
  return SERVICE_DOMAINS.some(
    ([prefix, domains]) => prefix.test(name) && domains.some((domain) => hostMatches(host, `*.${domain}`)),
  );
}

/** A remote URL in one spelling: `git@github.com:acme/app.git`, `ssh://git@github.com/acme/app` → `github.com/acme/app`. */
export function canonicalRemote(url: string): string {
  const scheme = /^[a-z][\w+.-]*:\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/?(.*)$/i.exec(url);
  const scp = scheme ? undefined : /^(?:[^@/:]+@)?([^:/]+):(.*)$/.exec(url);
  const [host, path] = scheme ? [scheme[1], scheme[2]] : scp ? [scp[1], scp[2]] : ['', url];
  const tail = (path ?? '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .replace(/^\/+/, '');
  return host ? `${host.toLowerCase()}/${tail}` : tail;
}
