import { NightshiftError } from '../errors.js';
import { installOnHost } from '../hosts/install.js';
import { nightshiftVersion } from '../hosts/version.js';
import { configFrom } from './runtime.js';
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'hosts',
  summary: 'the hosts in the config: `hosts install NAME` installs this nightshift there over SSH',
  usage: `Usage: nightshift hosts install NAME [--package SPEC] [--json]

Installs this version of nightshift on the host NAME from the config's hosts: over SSH (BatchMode) with
that host's npm: \`npm install --global nightshift@VERSION\`, with --prefix DIR when hosts[].nightshift is
DIR/bin/nightshift. A host whose nightshift already answers with this version is left alone. Then the
host is probed again (as \`nightshift doctor\` does) and its findings printed. docs/hosts.md has the rest.

  --package SPEC   what npm installs instead of nightshift@VERSION: a tarball path on the host, a git URL`,
  options: { package: { type: 'string' } },
  allowPositionals: true,
  async run(args, io) {
    const [action, name, ...extra] = args.positionals;
    if (action !== 'install' || !name || extra.length)
      throw new NightshiftError(
        'USAGE',
        "usage: nightshift hosts install NAME (NAME is one of the config's hosts[].name)",
      );
    const { config } = await configFrom(args, io);
    const host = config.hosts.find((h) => h.name === name);
    if (!host)
      throw new NightshiftError(
        'USAGE',
        `no host named "${name}" in the config` +
          (config.hosts.length
            ? ` (hosts: ${config.hosts.map((h) => h.name).join(', ')})`
            : ': add it under hosts: (docs/hosts.md)'),
      );
    const version = nightshiftVersion();
    const json = args.values.json === true;
    const outcome = await installOnHost(host, {
      version,
      socket: config.tmux.socket,
      ...(typeof args.values.package === 'string' ? { packageSpec: args.values.package } : {}),
      ...(json ? {} : { progress: (chunk: string) => io.stderr.write(chunk) }),
    });
    if (json) io.stdout.write(`${JSON.stringify({ host: name, version, ...outcome })}\n`);
    else {
      io.stdout.write(
        outcome.result === 'already'
          ? `${name}: nightshift ${version} is already installed; nothing to do\n`
          : `${name}: installed nightshift ${version} (${outcome.command})\n`,
      );
      for (const l of outcome.probe) io.stdout.write(`  ${l.level.padEnd(4)} ${l.detail}\n`);
    }
    return outcome.probe.some((l) => l.level === 'fail') ? 1 : 0;
  },
});
