// `nightshift service install --dry-run`: the unit runs `nightshift run` with the config's absolute path, restarts on
// failure, logs to the journal, and passes `systemd-analyze verify` (the real systemd's own checker).
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { nightshift } from '../helpers/cli.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'ns-service-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));
// a path a unit must quote and escape: a space and a %
const fleet = join(root, 'my fleet 100%');
mkdirSync(fleet);
const config = join(fleet, 'nightshift.config.yaml');
writeFileSync(config, 'agents: [{ name: a, command: claude }]\n');
const home = join(root, 'home');
const env = { HOME: home, PATH: '/usr/local/bin:/usr/bin:/bin', XDG_CONFIG_HOME: '' };

/** `service install --dry-run` from `cwd` with a config path as given: where the unit would go, and the unit. */
async function dryRun(args: string[], cwd = root) {
  const out = await nightshift(['service', 'install', '--dry-run', ...args], { cwd, env });
  expect(out.exitCode, out.all).toBe(0);
  const [first, ...rest] = out.stdout.split('\n');
  return { file: first!.replace(/^# /, ''), text: `${rest.join('\n')}\n` };
}

describe('nightshift service install --dry-run', () => {
  it('a systemd user unit that runs `nightshift run` with the absolute config path, restarts on failure, logs to the journal', async () => {
    // the config named relative to the working directory: the unit holds its absolute path
    const { file, text } = await dryRun(['--config', 'my fleet 100%/nightshift.config.yaml']);
    expect(file).toBe(join(home, '.config', 'systemd', 'user', 'nightshift.service'));
    const exec = /^ExecStart=(.*)$/m.exec(text)?.[1] ?? '';
    expect(exec).toMatch(/ run --config "[^"]*my fleet 100%%\/nightshift\.config\.yaml"$/);
    expect(exec).toContain(`"${config.replace(/%/g, '%%')}"`);
    expect(text).toMatch(/^Restart=on-failure$/m);
    expect(text).toMatch(/^StandardOutput=journal$/m);
    expect(text).toMatch(/^StandardError=journal$/m);
    expect(text).toMatch(/^KillMode=process$/m); // the agents in tmux outlive a restart of the runner
    expect(text).toMatch(/^WantedBy=default\.target$/m);
    expect(text).not.toMatch(/^User=/m);
  });

  it.each([
    ['--user', []],
    ['--system', ['--system']],
  ])('the %s unit passes systemd-analyze verify', async (_kind, extra) => {
    const { text } = await dryRun(['--config', config, ...extra]);
    const dir = mkdtempSync(join(root, 'unit-'));
    const unit = join(dir, 'nightshift.service');
    writeFileSync(unit, text);
    // a user manager needs a runtime dir; this one is private to the test
    const runtime = join(dir, 'run');
    mkdirSync(runtime, { mode: 0o700 });
    const user = extra.length ? [] : ['--user'];
    const result = await execa('systemd-analyze', ['verify', ...user, unit], {
      reject: false,
      env: { XDG_RUNTIME_DIR: runtime },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toBe(''); // systemd prints a bad setting as a warning and still exits 0
  });

  it('a system unit runs as the user who installed it, at boot', async () => {
    const { file, text } = await dryRun(['--config', config, '--system']);
    expect(file).toBe('/etc/systemd/system/nightshift.service');
    expect(text).toMatch(/^User=\S+$/m);
    expect(text).toMatch(/^WantedBy=multi-user\.target$/m);
  });

  it('a launchd agent on macOS: ProgramArguments end in run --config <absolute path>, restarted on failure', async () => {
    const { file, text } = await dryRun(['--config', config, '--manager', 'launchd']);
    expect(file).toBe(join(home, 'Library', 'LaunchAgents', 'dev.nightshift.nightshift.plist'));
    const args = [...text.matchAll(/^ {4}<string>(.*)<\/string>$/gm)].map((m) => m[1]);
    expect(args.slice(-3)).toEqual(['run', '--config', config]);
    expect(text).toMatch(/<key>SuccessfulExit<\/key><false\/>/);
    expect(text).toMatch(/<key>RunAtLoad<\/key><true\/>/);
  });

  it.each([
    [['service'], /install\|uninstall\|status/],
    [['service', 'restart'], /install\|uninstall\|status/],
    [['service', 'install', '--dry-run', '--user', '--system'], /not both/],
    [['service', 'status', '--dry-run'], /--dry-run goes with install/],
  ])('%j is bad usage', async (args, message) => {
    const out = await nightshift([...args, '--config', config], { cwd: root, env });
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});
