import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../core/cli.js';
import { nightshift } from '../helpers/cli.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ns-cli-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the CLI in-process; returns the exit code and what it printed. */
async function run(args: string[], cwd = tempDir(), env: NodeJS.ProcessEnv = {}) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await main(args, {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    env,
    cwd,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

describe('nightshift CLI', () => {
  it('--help lists every command', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const name of ['run', 'night', 'demo', 'status', 'classify', 'guard', 'report', 'doctor', 'init'])
      expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['night'], /needs --now/],
    [['night', '--now', '--for', 'soon'], /--for soon: not a duration/],
    [['guard', '--bogus'], /Unknown option '--bogus'/],
  ])('%j is bad usage: exit 2 with a message', async (args, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nightshift.config.yaml'), 'agents: [{ name: a, command: claude }]\n');
    const { code, stderr } = await run(args, dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('a bad config exits 2 and lists every problem with its path, no stack trace', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'nightshift.config.yaml'),
      'agents:\n  - { name: a, command: claude }\n  - { name: b }\nwatch: { interval: soon }\nreport: { email: { to: me@example.com, from: ns@example.com, smtp: "${SMTP_URL}" } }\n',
    );
    const { code, stderr } = await run(['night', '--now'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('agents[1].command: required');
    expect(stderr).toContain('watch.interval: not a duration: "soon"');
    expect(stderr).toContain('report.email.smtp: environment variable SMTP_URL is not set');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('init writes a starter config that doctor accepts once its agent program is installed', async () => {
    const dir = tempDir();
    expect((await run(['init'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'nightshift.config.yaml'), 'utf8')).toContain('agents:');
    const configLines = (stdout: string) =>
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { name: string; ok: boolean; path?: string })
        .filter((c) => c.name === 'config');
    const without = await run(['doctor', '--json'], dir, { PATH: process.env.PATH });
    expect(without.code).toBe(2);
    expect(
      configLines(without.stdout)
        .filter((c) => !c.ok)
        .map((c) => c.path),
    ).toContain('agents[0].command');
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'claude'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const doctor = await run(['doctor', '--json'], dir, { PATH: `${bin}:${process.env.PATH}` });
    expect(configLines(doctor.stdout).every((c) => c.ok)).toBe(true);
    expect((await run(['init'], dir)).code).toBe(2); // never overwrites without --force
  });

  it('without tmux, the demo says exactly that and how to install it, exit 2', async () => {
    const result = await nightshift(['demo', '--for', '5s'], {
      cwd: tempDir(),
      env: { PATH: '/nonexistent' },
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/tmux/);
    expect(result.stderr).toMatch(/apt-get install tmux|brew install tmux/);
  });
});
