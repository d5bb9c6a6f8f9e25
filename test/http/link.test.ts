// `nightshift http link`: what it prints for each kind of `http:` (and without one), and that a printed code opens
// the page once and only before it expires.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../core/cli.js';
import { consumeLinkCode, createLinkCode, LINK_TTL_MS } from '../../core/http/links.js';

const root = mkdtempSync(join(tmpdir(), 'ns-http-link-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const TOKEN = 'a-token-of-24-characters';

/** Writes a config with this `http:` (none when undefined) and runs `nightshift http link ARGS` in-process. */
async function link(name: string, http: Record<string, unknown> | undefined, args: string[] = []) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'nightshift.config.yaml');
  writeFileSync(
    file,
    stringify({
      timezone: 'UTC',
      stateDir: join(dir, 'state'),
      agents: [{ name: 'a', command: 'node --version', cwd: dir }],
      ...(http ? { http } : {}),
    }),
  );
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await main(['http', 'link', ...args, '--config', file], {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    env: { PATH: process.env.PATH },
    cwd: dir,
    isTTY: false,
  });
  return { code, stdout: stdout.trim(), stderr };
}

describe('nightshift http link', () => {
  it.each([
    ['no http: section', undefined, [], 2, /^$/, /no http: section/],
    [
      'loopback without a token: the plain address',
      { listen: '127.0.0.1:7717' },
      [],
      0,
      /^http:\/\/127\.0\.0\.1:7717\/$/,
      /^$/,
    ],
    [
      'a token: a one-time code',
      { listen: '0.0.0.0:7717', token: TOKEN },
      ['--host', 'buildbox.lan'],
      0,
      /^http:\/\/buildbox\.lan:7717\/login\?code=[0-9a-f]{64}$/,
      /^$/,
    ],
    [
      'a free port and no runner: nothing to link to',
      { listen: '127.0.0.1:0' },
      [],
      1,
      /^$/,
      /no runner is listening/,
    ],
  ] as const)('%s', async (name, http, args, code, stdout, stderr) => {
    const result = await link(name.replace(/\W+/g, '-'), http, [...args]);
    expect(result.code, result.stderr).toBe(code);
    expect(result.stdout).toMatch(stdout);
    expect(result.stderr).toMatch(stderr);
    expect(result.stdout).not.toContain(TOKEN);
  });

  it.each([
    ['used once', 0, [true, false]],
    ['expired', LINK_TTL_MS + 1, [false, false]],
  ])('a code %s', (_name, later, expected) => {
    const stateDir = join(root, `codes-${later}`);
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const made = new Date(Date.UTC(2026, 11, 7, 1));
    const code = createLinkCode(stateDir, made);
    const at = new Date(made.getTime() + later);
    expect([consumeLinkCode(stateDir, code, at), consumeLinkCode(stateDir, code, at)]).toEqual(expected);
    expect(consumeLinkCode(stateDir, 'f'.repeat(64), made)).toBe(false);
  });
});
