import { readFileSync } from 'node:fs';
import { NightshiftError } from '../errors.js';
import { createLinkCode, LINK_TTL_MS } from '../http/links.js';
import { endpointInfoFile } from '../http/server.js';
import { configFrom } from './runtime.js';
import { defineCommand } from './types.js';

/** Where the running endpoint listens (its http.json), else the configured address. */
function endpointUrl(stateDir: string, listen: string): string {
  try {
    const { url } = JSON.parse(readFileSync(endpointInfoFile(stateDir), 'utf8')) as { url?: unknown };
    if (typeof url === 'string') return url;
  } catch {
    // no runner listening now: the configured address
  }
  if (/:0$/.test(listen))
    throw new NightshiftError(
      'NO_RUNNER',
      `no runner is listening for ${stateDir} (http.listen ${listen} takes a free port when it starts): start \`nightshift run\` or \`night --now\` first`,
    );
  return `http://${listen}`;
}

export default defineCommand({
  name: 'http',
  summary: 'the status endpoint: `http link` prints a one-time link that opens the page',
  usage: `Usage: nightshift http link [--host NAME] [--json]

Prints a link to the runner's status page (http: in the config) that works once, within
${LINK_TTL_MS / 60_000} minutes: opening it sets a session cookie in that browser (the token itself is never
in the link). Without http.token the page needs no login and the link is the plain address.

  --host NAME   the host name the phone reaches this machine by (default: the listen address)`,
  options: { host: { type: 'string' } },
  allowPositionals: true,
  async run(args, io) {
    const [sub] = args.positionals;
    if (sub !== 'link')
      throw new NightshiftError('USAGE', 'nightshift http link: the only subcommand is `link`');
    const { config } = await configFrom(args, io);
    if (!config.http)
      throw new NightshiftError(
        'CONFIG_INVALID',
        'the config has no http: section, so there is no status endpoint (add http: { listen: "127.0.0.1:7717" })',
      );
    let url = endpointUrl(config.stateDir, config.http.listen);
    if (typeof args.values.host === 'string') {
      const u = new URL(url);
      u.hostname = args.values.host;
      url = u.origin;
    }
    const link = config.http.token ? `${url}/login?code=${createLinkCode(config.stateDir)}` : `${url}/`;
    if (args.values.json)
      io.stdout.write(`${JSON.stringify({ link, expiresInMs: config.http.token ? LINK_TTL_MS : null })}\n`);
    else io.stdout.write(`${link}\n`);
    return 0;
  },
});
