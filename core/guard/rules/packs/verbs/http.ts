import type { ProgramCheck } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';
import { httpDestroy, httpMutation } from './rules.js';

// HTTP clients: a request that changes something (POST, PUT, PATCH, DELETE, a body, an upload) to a service that
// is not a local dev server. Loopback is trusted unless the port is a data store's (Elasticsearch, CouchDB…).

/** Ports of data stores and admin APIs that often listen on loopback: a request there changes real data. */
const DATA_STORE_PORTS = new Set([
  '9200',
  '9300',
  '5984',
  '8086',
  '8087',
  '8500',
  '2379',
  '8123',
  '8529',
  '7474',
  '8983',
  '6333',
  '7700',
  '8108',
  '19530',
  '2375',
  '2376',
  '8001',
  '6443',
  '10250',
  '8091',
  '9090',
  '15672',
  '8098',
  '4001',
]);

/** Words in a URL or body that say the request destroys data. */
const DESTROYS =
  /(^|[^a-z])(delete|drop|truncate|purge|wipe|destroy|remove|flush|_close)([^a-z]|$)|_delete_by_query|deleteMany|delete[A-Z]/i;

/** Options that take a value, per client (the value is never the URL). */
const CURL_VALUE =
  /^(-[XHdFoueAbcTwxmKEr]|--(request|header|data|data-raw|data-binary|data-urlencode|data-ascii|json|form|form-string|output|user|user-agent|referer|cookie|cookie-jar|upload-file|write-out|proxy|max-time|config|cert|range|connect-timeout|retry|resolve|connect-to|url|cacert|key|oauth2-bearer|variable|aws-sigv4))$/;
const CURL_BODY =
  /^(-[dFT]|--(data|data-raw|data-binary|data-urlencode|data-ascii|json|form|form-string|upload-file))$/;
const WGET_BODY = /^--(post-data|post-file|body-data|body-file)$/;
const HTTPIE_METHOD = /^(get|head|options|post|put|patch|delete)$/i;

interface Request {
  method: string | undefined;
  body: string[];
  urls: string[];
}

/** The method, body and URLs of a curl, wget or httpie command line. */
function requestOf(program: string, args: readonly Arg[]): Request {
  const request: Request = { method: undefined, body: [], urls: [] };
  const values = args.map((arg) => arg.value);
  if (program === 'curl' || program === 'wget') {
    for (let i = 0; i < values.length; i++) {
      const value = values[i] as string;
      const [name, inline] = value.startsWith('--')
        ? (value.split(/=(.*)/s, 2) as [string, string?])
        : [value.slice(0, 2), value.length > 2 && /^-[XdFT]/.test(value) ? value.slice(2) : undefined];
      const takesValue =
        program === 'curl'
          ? CURL_VALUE.test(name)
          : /^--(method|post-data|post-file|body-data|body-file|header|output-document|user|password)$|^-[OoPUe]$/.test(
              name,
            );
      if (!value.startsWith('-') || value === '-') {
        request.urls.push(value);
        continue;
      }
      if (!takesValue) continue;
      const option = inline ?? values[++i] ?? '';
      if (/^(-X|--request|--method)$/.test(name)) request.method = option.toUpperCase();
      if (name === '--url') request.urls.push(option);
      if ((program === 'curl' && CURL_BODY.test(name)) || (program === 'wget' && WGET_BODY.test(name))) {
        request.body.push(option);
        request.method ??= name === '-T' || name === '--upload-file' ? 'PUT' : 'POST';
      }
    }
    return request;
  }
  // httpie and xh: [METHOD] URL [items]; `key=value` and `key:=json` items make a body (POST)
  const operands = values.filter((value) => !value.startsWith('-'));
  let index = 0;
  if (HTTPIE_METHOD.test(operands[0] ?? '') && operands.length > 1)
    request.method = (operands[index++] as string).toUpperCase();
  const url = operands[index++];
  if (url) request.urls.push(url);
  for (const item of operands.slice(index)) {
    if (/^[^=:]+(:=|=|@)/.test(item) && !/^[^=:]+==/.test(item)) request.body.push(item);
  }
  if (request.body.length > 0) request.method ??= 'POST';
  if (values.some((value) => /^(-f|--form|--multipart)$/.test(value))) request.method ??= 'POST';
  return request;
}

/** True for a local dev server: loopback (or httpie's `:3000`) on a port that is not a data store's. */
export function isLocalDevServer(url: string): boolean {
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d+))?/i.exec(url);
  const host = (match?.[1] ?? '').toLowerCase();
  const port = match?.[2];
  const loopback =
    host === ''
      ? url.startsWith(':')
      : /^(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0|[\w.-]+\.localhost|host\.docker\.internal)$/.test(host);
  return loopback && !(port && DATA_STORE_PORTS.has(port));
}

const httpClients: ProgramCheck = {
  programs: ['curl', 'wget', 'http', 'https', 'xh', 'xhs'],
  check(invocation, context) {
    const request = requestOf(invocation.program, invocation.args);
    const method = request.method ?? 'GET';
    if (/^(GET|HEAD|OPTIONS)$/.test(method) || request.urls.length === 0) return;
    // a request over the Docker or containerd socket drives the container engine, not a dev server
    const engineSocket = invocation.args.some((arg) => /(docker|containerd|podman)\.sock/.test(arg.value));
    if (!engineSocket && request.urls.every((url) => isLocalDevServer(url))) return;
    const destroys =
      method === 'DELETE' || [...request.urls, ...request.body].some((text) => DESTROYS.test(text));
    context.report(destroys ? httpDestroy : httpMutation);
  },
};

export const httpChecks: readonly ProgramCheck[] = [httpClients];
