// `nightshift report` end to end: a config file with an SMTP URL from the environment, a generated night, a real SMTP server.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import command from '../../core/commands/report.js';
import type { CommandIO } from '../../core/commands/types.js';
import { generateNight } from '../fixtures/reports/night-generator.js';
import { startSmtp, until } from './helpers/smtp-server.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-report-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(env: NodeJS.ProcessEnv): CommandIO & { out(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let text = '';
  stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { stdout, stderr, stdin: new PassThrough(), env, cwd: dir, isTTY: false, out: () => text };
}

describe('nightshift report', async () => {
  const smtp = await startSmtp();
  afterAll(() => smtp.close());
  const g = generateNight({ dir, agents: 3 });
  const file = join(dir, 'nightshift.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      timezone: 'Europe/Berlin',
      stateDir: g.config.stateDir,
      agents: g.config.agents.map((a) => ({ name: a.name, command: a.command, cwd: a.cwd })),
      coordination: g.config.coordination,
      report: { email: { to: 'me@example.com', from: 'nightshift@example.com', smtp: '${SMTP_URL}' } },
      plugins: ['markdown-report', 'agent-detail', 'email'],
    }),
  );
  const env = { SMTP_URL: `smtp://nightshift:s3cret-from-env@127.0.0.1:${smtp.port}` };

  it('compiles the latest night and prints the subject and the files', async () => {
    const out = io(env);
    const code = await command.run({ values: { config: file }, positionals: [] }, out);
    expect(code).toBe(0);
    expect(out.out()).toMatch(/^\[nightshift\] \d+ needs? you · \d+ done/);
    expect(out.out()).toContain(join(g.runDir, 'report.md'));
    expect(smtp.received).toHaveLength(0);
  });

  it('--night DATE --send --json delivers through the SMTP URL from the environment', async () => {
    const out = io(env);
    const code = await command.run(
      { values: { config: file, night: '2026-04-10', send: true, json: true }, positionals: [] },
      out,
    );
    expect(code).toBe(0);
    const result = JSON.parse(out.out()) as {
      night: string;
      verdict: string;
      delivery: { ok: boolean; channel: string };
    };
    expect(result).toMatchObject({
      night: '2026-04-10',
      verdict: 'failed',
      delivery: { ok: true, channel: 'email' },
    });
    await until(() => smtp.received.length === 1);
    expect(smtp.received[0]!.subject).toMatch(/need.? you/);
    expect(smtp.raw.join('')).not.toContain('s3cret-from-env');
  });

  it('names the nights it knows when --night matches none', async () => {
    await expect(
      command.run({ values: { config: file, night: '2026-01-01' }, positionals: [] }, io(env)),
    ).rejects.toThrow(/no night 2026-01-01 .*latest: 2026-04-10/);
  });
});
