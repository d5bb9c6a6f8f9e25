import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NightshiftError } from '../errors.js';
import { STARTER_CONFIG } from '../../config/starter.js';
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'init',
  summary: 'write a commented starter config',
  usage: `Usage: nightshift init [--force] [FILE]

Writes a commented starter config (default: nightshift.config.yaml in the current directory)
that passes validation. Edit the agents, the schedule and the report address, then check it
with \`nightshift doctor\`.

  --force   overwrite an existing file`,
  options: { force: { type: 'boolean' } },
  allowPositionals: true,
  async run(args, io) {
    const file = resolve(io.cwd, args.positionals[0] ?? 'nightshift.config.yaml');
    if (existsSync(file) && !args.values.force)
      throw new NightshiftError('USAGE', `${file} already exists (use --force to overwrite it)`);
    writeFileSync(file, STARTER_CONFIG);
    io.stdout.write(
      `wrote ${file}\nnext: edit the agents and the schedule, then run \`nightshift doctor\`\n`,
    );
    return 0;
  },
});
