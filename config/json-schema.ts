// The config's JSON Schema, generated from the zod schema the loader validates with, so editors and the loader cannot
// disagree. Draft-07: the draft every editor's YAML and JSON support (yaml-language-server, VS Code, JetBrains) reads.
import { z } from 'zod';
import { configSchema } from './schema.js';

/** Where `nightshift init` writes the schema, next to the config; the config's first line points at it. */
export const SCHEMA_FILE = 'nightshift.schema.json';

/** The comment that points yaml-language-server (VS Code, Neovim, Helix, …) at the schema. */
export const schemaModeline = (schema = `./${SCHEMA_FILE}`) => `# yaml-language-server: $schema=${schema}`;

/** A `${VAR}` reference anywhere in a string: the loader replaces it before validation, so it is allowed everywhere. */
const ENV_REF = '\\$\\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\\}';

type Node = Record<string, unknown>;

/** The JSON Schema of the config as written (input side: durations as strings, defaults optional). */
export function configJsonSchema(): Node {
  const schema = z.toJSONSchema(configSchema, {
    io: 'input',
    target: 'draft-7',
    // refinements (cron, time zones, addresses) are checked by the loader; the schema keeps their base type
    unrepresentable: 'any',
  }) as Node;
  const properties = schema.properties as Record<string, Node>;
  // the default is the machine's zone, evaluated when the schema is generated: not a fact about the config
  if (properties.timezone) {
    delete properties.timezone.default;
    properties.timezone.description = "IANA time zone (default: this machine's)";
  }
  return {
    $schema: schema.$schema,
    title: 'nightshift config',
    description:
      'nightshift config (nightshift.config.yaml). `nightshift doctor` checks what a schema cannot: cron patterns, time zones, addresses.',
    ...withEnvRefs(Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema'))),
  };
}

/** Every string constrained by a pattern or format also accepts a `${VAR}` reference (the loader checks the value). */
function withEnvRefs(node: unknown): Node {
  if (Array.isArray(node)) return node.map(withEnvRefs) as unknown as Node;
  if (!node || typeof node !== 'object') return node as Node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node))
    out[key] =
      key === 'properties' || key === 'definitions' || key === '$defs'
        ? Object.fromEntries(Object.entries(value as Node).map(([k, v]) => [k, withEnvRefs(v)]))
        : key === 'default' || key === 'enum' || key === 'const'
          ? value
          : withEnvRefs(value);
  if (out.type === 'string' && (out.pattern !== undefined || out.format !== undefined)) {
    const { default: fallback, description, ...constrained } = out;
    return {
      ...(description !== undefined ? { description } : {}),
      ...(fallback !== undefined ? { default: fallback } : {}),
      anyOf: [constrained, { type: 'string', pattern: ENV_REF }],
    };
  }
  return out;
}
