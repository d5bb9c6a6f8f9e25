// A real OpenSSH server on loopback for a test file: its own host key, one authorized test key, its own config and
// pid file in a temp dir, started as the current user on a free port and killed in teardown. Touches no system config.
import { execa, execaSync, type ResultPromise } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from './cli.js';

const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs');
/** `hosts[].nightshift` for a test host: this checkout through tsx, its tmux server without the user's config */
export const NIGHTSHIFT_HERE = `env NIGHTSHIFT_NODE_TMUX_CONF=/dev/null ${process.execPath} --import ${tsx} ${join(repoRoot, 'core', 'cli.ts')}`;

/** A running sshd and what a client needs to reach it. */
export interface TestSshd {
  readonly port: number;
  readonly dir: string;
  /** the words for `hosts[].ssh`: `-F /dev/null -i key -o UserKnownHostsFile=… -p port user@127.0.0.1` */
  readonly ssh: string;
  /** stops the server and removes its files; safe to call twice */
  stop(): Promise<void>;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `/usr/sbin/sshd -D` on a free loopback port; resolves once it accepts a BatchMode login. */
export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'ns-sshd-'));
  const port = await freePort();
  const user = userInfo().username;
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client_key')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  const hostPub = readFileSync(join(dir, 'host_key.pub'), 'utf8').trim();
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostPub}\n`);
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      `AllowUsers ${user}`,
      'LogLevel ERROR',
      // bash reads ~/.bashrc for an ssh command unless it is nested (SHLVL): the test host's commands start without
      // this user's rc files, which may stall (a stale pyenv rehash lock here waits 60 s on every login). The test
      // host's temp files and tmux sockets go where the test run's do, so its leftovers are found and removed too.
      `SetEnv SHLVL=1 TMPDIR=${tmpdir()} TMUX_TMPDIR=${process.env.TMUX_TMPDIR || tmpdir()}`,
      '',
    ].join('\n'),
  );
  // sshd started as root needs its privilege separation directory (a non-root sshd does not use one)
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const server: ResultPromise = execa('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    reject: false,
    stdin: 'ignore',
  });
  const ssh = [
    '-F /dev/null',
    `-i ${join(dir, 'client_key')}`,
    `-o UserKnownHostsFile=${join(dir, 'known_hosts')}`,
    '-o StrictHostKeyChecking=yes',
    `-p ${port}`,
    `${user}@127.0.0.1`,
  ].join(' ');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    server.kill('SIGTERM');
    await server;
    rmSync(dir, { recursive: true, force: true });
  };
  const onExit = () => {
    if (!stopped && server.pid) execaSync('kill', [String(server.pid)], { reject: false });
  };
  process.once('exit', onExit);
  for (let i = 0; i < 100; i++) {
    const probe = await execa('ssh', ['-o', 'BatchMode=yes', ...ssh.split(' '), 'true'], { reject: false });
    if (probe.exitCode === 0) return { port, dir, ssh, stop };
    if (server.exitCode !== null && server.exitCode !== undefined) break;
    await sleep(100);
  }
  const result = await (server.kill('SIGTERM'), server);
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`sshd did not start: ${String(result.stderr)}`);
}
