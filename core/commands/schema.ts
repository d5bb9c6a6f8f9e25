// `nightshift schema`: the config's JSON Schema, for editors (completion, hover, errors as you type).
import { configJsonSchema } from '../../config/json-schema.js';
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'schema',
  summary: "print the config's JSON Schema (for editor completion)",
  usage: `Usage: nightshift schema

Prints the JSON Schema (draft-07) of the config, generated from the schema the loader validates
with, so the two cannot drift. \`nightshift init\` writes it next to the config as
nightshift.schema.json; after upgrading nightshift, refresh it:

  nightshift schema > nightshift.schema.json

The config's first line points YAML editors at it:
  # yaml-language-server: $schema=./nightshift.schema.json`,
  async run(_args, io) {
    io.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    return 0;
  },
});
