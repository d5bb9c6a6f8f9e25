// Delivery is once per night: `report --send` twice while SMTP is down queues one email, which arrives
// once when the (real, loopback) SMTP server is back; a recipient fixed in the config repairs queued mail.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import command from '../../core/commands/report.js';
import type { CommandIO } from '../../core/commands/types.js';
import { flushOutbox } from '../../reports/index.js';
import { generateNight } from '../fixtures/reports/night-generator.js';
import { freePort, startSmtp, until } from './helpers/smtp-server.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function io(cwd: string): CommandIO & { out(): string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return {
    stdout,
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: {},
    cwd,
    isTTY: false,
    out: () => text,
  };
}

/** A generated night and a config whose SMTP server is at `port` (nothing listens there yet). */
function setup(port: number, to: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ns-once-'));
  dirs.push(dir);
  const g = generateNight({ dir, agents: 2 });
  const file = join(dir, 'nightshift.config.json');
  const write = (recipient: string) =>
    writeFileSync(
      file,
      JSON.stringify({
        timezone: 'UTC',
        stateDir: g.config.stateDir,
        agents: g.config.agents.map((a) => ({ name: a.name, command: a.command, cwd: a.cwd })),
        report: {
          email: { to: recipient, from: 'nightshift@example.com', smtp: `smtp://127.0.0.1:${port}` },
        },
        plugins: ['markdown-report', 'email'],
      }),
    );
  write(to);
  const outbox = () => readdirSync(join(g.config.stateDir, 'outbox')).filter((f) => f.endsWith('.json'));
  const send = async () => {
    const out = io(dir);
    const code = await command.run({ values: { config: file, send: true }, positionals: [] }, out);
    return { code, out: out.out() };
  };
  const flushLater = async () => {
    const { config } = await loadConfig({ file, cwd: dir, env: {} });
    return flushOutbox(config, undefined, { now: () => new Date(Date.now() + 3_600_000) });
  };
  return { dir, file, write, outbox, send, flushLater };
}

describe('delivery once per night', () => {
  it('two --send while SMTP is down: exit 1 each, one queued email, delivered once when SMTP is back', async () => {
    const port = await freePort();
    const s = setup(port, 'me@example.com');
    for (let i = 0; i < 2; i++) {
      const { code, out } = await s.send();
      expect(code, out).toBe(1);
      expect(out).toMatch(/^delivery: NOT delivered yet \(email\): transient: .*ECONNREFUSED/m);
      expect(s.outbox()).toHaveLength(1);
    }
    const smtp = await startSmtp({ port });
    try {
      const results = await s.flushLater();
      expect(results.map((r) => r.state)).toEqual(['sent']);
      await until(() => smtp.received.length >= 1);
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.received).toHaveLength(1);
      expect(await s.flushLater()).toEqual([]); // nothing left to send
      expect(smtp.received).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('a permanent refusal (5xx) is a failure that says so, and report --send exits 1', async () => {
    const smtp = await startSmtp({ rejectMailFrom: [550] });
    try {
      const s = setup(smtp.port, 'me@example.com');
      const { code, out } = await s.send();
      expect(code).toBe(1);
      expect(out).toMatch(/^delivery: FAILED \(email\): permanent: .*550.*refused for good, not retried/m);
    } finally {
      await smtp.close();
    }
  });

  it('queued mail follows the recipients fixed in the config, and is delivered once to them', async () => {
    const port = await freePort();
    const s = setup(port, 'old@example.com');
    expect((await s.send()).code).toBe(1);
    s.write('new@example.com');
    const smtp = await startSmtp({ port });
    try {
      await s.flushLater();
      await until(() => smtp.received.length >= 1);
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.received).toHaveLength(1);
      const to = smtp.received[0]!.to;
      expect(JSON.stringify(to)).toContain('new@example.com');
      expect(JSON.stringify(to)).not.toContain('old@example.com');
      expect(s.outbox()).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });
});
