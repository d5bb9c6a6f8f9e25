import { accessSync, constants, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { NightshiftError, formatProblems } from '../errors.js';
import { checkTmuxVersion } from '../tmux/index.js';
import { privacyCheck } from './doctor-privacy.js';
import { configFrom, configWritableByAgents } from './runtime.js';
import { defineCommand, type CommandIO } from './types.js';

type Check = { name: string; ok: boolean; detail: string };

export default defineCommand({
  name: 'doctor',
  summary: 'check tmux, the config, the state dir and SMTP',
  usage: `Usage: nightshift doctor [--json]

Checks what a night needs: tmux (3.2 or newer), the config (every problem listed with its
path), a writable state dir, and that the SMTP server answers. Exits 0 when all is well,
2 when the config or tmux is unusable, 1 otherwise.`,
  async run(args, io) {
    const checks: Check[] = [];
    let exit = 0;
    try {
      const v = await checkTmuxVersion();
      checks.push({ name: 'tmux', ok: true, detail: v.text });
    } catch (error) {
      checks.push({ name: 'tmux', ok: false, detail: message(error) });
      exit = 2;
    }
    try {
      const loaded = await configFrom(args, io);
      checks.push({
        name: 'config',
        ok: true,
        detail: `${loaded.filepath ?? 'embedded'}: ${loaded.config.agents.length} agent(s), night ${loaded.config.night.start} (${loaded.config.timezone})`,
      });
      checks.push(stateDirCheck(loaded.config.stateDir));
      checks.push(privacyCheck(loaded));
      if (loaded.config.guard.allow.length && configWritableByAgents(loaded.filepath, loaded.config.agents)) {
        checks.push({
          name: 'guard',
          ok: true,
          detail:
            "the config lies inside an agent's working tree, so its guard.allow exceptions are ignored (an agent could write them); move the config out to use them",
        });
      }
      const smtp = loaded.config.report.email?.smtp;
      checks.push(
        smtp
          ? await smtpCheck(smtp)
          : {
              name: 'smtp',
              ok: true,
              detail: 'no email configured: reports are written as .eml files next to report.md',
            },
      );
    } catch (error) {
      const problems =
        error instanceof NightshiftError && error.problems.length
          ? `\n${formatProblems(error.problems)}`
          : '';
      checks.push({ name: 'config', ok: false, detail: `${message(error)}${problems}` });
      exit = 2;
    }
    if (!exit && checks.some((c) => !c.ok)) exit = 1;
    print(checks, args.values.json === true, io);
    return exit;
  },
});

function stateDirCheck(dir: string): Check {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
    return { name: 'state dir', ok: true, detail: dir };
  } catch (error) {
    return { name: 'state dir', ok: false, detail: `${dir}: ${message(error)}` };
  }
}

/** Opens a TCP connection to the SMTP server (no login, nothing sent). */
function smtpCheck(url: string): Promise<Check> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol === 'smtps:' ? 465 : 587));
  return new Promise((resolve) => {
    const socket = connect({ host: u.hostname, port, timeout: 5000 });
    const done = (ok: boolean, detail: string) => {
      socket.destroy();
      resolve({ name: 'smtp', ok, detail: `${u.hostname}:${port} ${detail}` });
    };
    socket.once('connect', () => done(true, 'answers'));
    socket.once('timeout', () => done(false, 'did not answer within 5 s'));
    socket.once('error', (e) => done(false, e.message));
  });
}

function print(checks: Check[], json: boolean, io: CommandIO): void {
  if (json) {
    for (const c of checks) io.stdout.write(`${JSON.stringify(c)}\n`);
    return;
  }
  for (const c of checks) io.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(10)} ${c.detail}\n`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
