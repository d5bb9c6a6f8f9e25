import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { NightshiftError } from '../errors.js';
import { STARTER_CONFIG } from '../../config/starter.js';
import { configJsonSchema, SCHEMA_FILE, schemaModeline } from '../../config/json-schema.js';
import { pluginStarter } from './plugin-starter.js';
import { defineCommand, type CommandIO } from './types.js';

export default defineCommand({
  name: 'init',
  summary: 'write a commented starter config',
  usage: `Usage: nightshift init [--force] [FILE]
       nightshift init --plugin NAME [--force]

Writes a commented starter config (default: nightshift.config.yaml in the current directory)
that passes validation, and its JSON Schema beside it (nightshift.schema.json): the config's
first line points YAML editors at it for completion and errors as you type. Edit the agents,
the schedule and the report address, then check it with \`nightshift doctor\`.

With --plugin, writes a starter rescue plugin instead: NAME.ts, NAME.test.ts (PaneTester) and a
tsconfig.json, in the current directory. They compile and pass in a project that depends on
nightshift, zod 4, vitest, typescript and @types/node (see docs/writing-plugins.md).

  --plugin NAME   write a plugin starter (NAME in kebab-case)
  --force         overwrite existing files`,
  options: { force: { type: 'boolean' }, plugin: { type: 'string' } },
  allowPositionals: true,
  async run(args, io) {
    if (typeof args.values.plugin === 'string')
      return writePlugin(args.values.plugin, args.values.force === true, io);
    const file = resolve(io.cwd, args.positionals[0] ?? 'nightshift.config.yaml');
    if (existsSync(file) && !args.values.force)
      throw new NightshiftError('USAGE', `${file} already exists (use --force to overwrite it)`);
    // the schema lives next to the config: the editor finds it offline, whatever way nightshift was installed
    const schema = join(dirname(file), SCHEMA_FILE);
    writeFileSync(schema, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    writeFileSync(file, `${schemaModeline()}\n${STARTER_CONFIG}`);
    io.stdout.write(
      `wrote ${file}\n      ${schema} (editor completion; refresh after an upgrade: nightshift schema > ${SCHEMA_FILE})\nnext: edit the agents and the schedule, then run \`nightshift doctor\`\n`,
    );
    return 0;
  },
});

/** Writes the plugin starter's files; refuses a bad name or existing files (without --force). */
function writePlugin(name: string, force: boolean, io: CommandIO): number {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    throw new NightshiftError(
      'USAGE',
      `--plugin ${JSON.stringify(name)}: a plugin name is kebab-case, e.g. retry-network`,
    );
  const files = Object.entries(pluginStarter(name)).map(([path, text]) => ({
    file: resolve(io.cwd, path),
    text,
  }));
  const existing = files.filter((f) => existsSync(f.file)).map((f) => f.file);
  if (existing.length && !force)
    throw new NightshiftError(
      'USAGE',
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} (use --force to overwrite)`,
    );
  for (const f of files) writeFileSync(f.file, f.text);
  io.stdout.write(
    `wrote ${files.map((f) => f.file).join(', ')}\nnext: npm install --save-dev nightshift zod@^4 vitest typescript @types/node, then npx vitest run and npx tsc -p .\n`,
  );
  return 0;
}
