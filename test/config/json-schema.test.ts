// `nightshift schema` and `nightshift init`: the JSON Schema is valid draft-07 (checked by Ajv against the meta-schema),
// accepts every config the docs show and the starter config, and rejects what the loader rejects, with the path.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { defineConfig } from '../../config/define.js';
import { configJsonSchema } from '../../config/json-schema.js';
import { resolveConfig } from '../../config/load.js';
import { STARTER_CONFIG } from '../../config/starter.js';
import { nightshift } from '../helpers/cli.js';

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'ns-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ajv = new Ajv({ allErrors: true });
const schema = configJsonSchema();
const validate = ajv.compile(schema);

/** Ajv's errors as `path: message` lines, or [] when the config is valid for the schema. */
function schemaErrors(config: unknown): string[] {
  return validate(config)
    ? []
    : (validate.errors ?? []).map(
        (e) =>
          `${e.dataPath || '.'}: ${e.message}${'additionalProperty' in e.params ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : ''}`,
      );
}

/** Every ```yaml block in README.md and docs/*.md; a fragment without agents gets one, as the text around it means. */
function docConfigs(): { where: string; config: Record<string, unknown> }[] {
  const files = [
    'README.md',
    ...readdirSync(join(repo, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  return files.flatMap((file) =>
    [...readFileSync(join(repo, file), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m, i) => {
      const config = parseYaml(m[1]!) as Record<string, unknown>;
      return {
        where: `${file} block ${i + 1}`,
        config: 'agents' in config ? config : { ...config, agents: [{ name: 'a', command: 'claude' }] },
      };
    }),
  );
}

describe('the config JSON Schema', () => {
  it('is a valid draft-07 JSON Schema', () => {
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('`nightshift schema` prints it', async () => {
    const out = await nightshift(['schema'], { cwd: dir });
    expect(out.exitCode).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(schema);
  });

  it('accepts the starter config', () => {
    expect(schemaErrors(parseYaml(STARTER_CONFIG))).toEqual([]);
  });

  const examples = docConfigs();
  it('finds the example configs in the docs', () => expect(examples.length).toBeGreaterThanOrEqual(10));
  it.each(examples.map((e) => [e.where, e.config] as const))(
    'accepts the example in %s (which the loader accepts too)',
    (_where, config) => {
      expect(() =>
        resolveConfig(config, { cwd: '/tmp', env: { SMTP_URL: 'smtp://127.0.0.1:2525' } }),
      ).not.toThrow();
      expect(schemaErrors(config)).toEqual([]);
    },
  );

  it.each([
    [
      { agents: [{ name: 'a', comand: 'claude' }] },
      '.agents[0]: should NOT have additional properties (comand)',
    ],
    [
      { agents: [{ name: 'a', command: 'x' }], wacth: { interval: '2s' } },
      '.: should NOT have additional properties (wacth)',
    ],
    [
      { agents: [{ name: 'a', command: 'x' }], watch: { intervall: '2s' } },
      '.watch: should NOT have additional properties (intervall)',
    ],
    [{ agents: [{ name: 'a b', command: 'x' }] }, '.agents[0].name: should match some schema in anyOf'],
    [{ agents: [] }, '.agents: should NOT have fewer than 1 items'],
  ])('rejects %j with its path', (config, error) => {
    expect(schemaErrors(config)).toContain(error);
  });

  it('accepts ${VAR} references where the value has a pattern (the loader resolves them first)', () => {
    const config = {
      agents: [{ name: 'a', command: 'x' }],
      report: { email: { to: 'me@example.com', from: 'n@example.com', smtp: '${SMTP_URL}' } },
      notify: { webhooks: [{ kind: 'ntfy', url: '${NTFY_URL}' }] },
    };
    expect(schemaErrors(config)).toEqual([]);
    expect(
      schemaErrors({ ...config, report: { email: { ...config.report.email, smtp: 'http://x' } } }),
    ).toContain('.report.email.smtp: should match some schema in anyOf');
  });
});

describe('nightshift init', () => {
  it('writes the schema next to the config, and the config points editors at it on its first line', async () => {
    const out = await nightshift(['init'], { cwd: dir });
    expect(out.exitCode).toBe(0);
    const config = readFileSync(join(dir, 'nightshift.config.yaml'), 'utf8');
    expect(config.split('\n')[0]).toBe('# yaml-language-server: $schema=./nightshift.schema.json');
    expect(JSON.parse(readFileSync(join(dir, 'nightshift.schema.json'), 'utf8'))).toEqual(schema);
    expect(schemaErrors(parseYaml(config))).toEqual([]);
  });
});

describe('defineConfig', () => {
  it('keeps its types: a typo is a compile error (tsc checks this file)', () => {
    // @ts-expect-error -- `comand` is not a key of an agent
    const typo = defineConfig({ agents: [{ name: 'a', comand: 'x' }] });
    expect(typo.agents).toHaveLength(1);
  });
});
