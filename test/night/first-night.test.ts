// The first night goes right (real tmux, real programs): an agent that cannot start, an agent whose screen
// has no input box nightshift recognises, and a dry run each produce the report a person needs to see.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { nightshift, repoRoot } from '../helpers/cli.js';
import { makeFleet, simAgent } from '../helpers/fleet.js';

const TASK = 'Work through TASKS.md and append a status entry to COORDINATION.md after each task';
const PLUGINS = [
  'exited',
  'prompt',
  'kickoff',
  'auto-confirm',
  'restart',
  'escalate',
  'markdown-report',
  'email',
];

describe.concurrent('the first night (real tmux, real agents)', () => {
  const fleets: ReturnType<typeof makeFleet>[] = [];
  afterAll(() => Promise.all(fleets.map((f) => f.cleanup())));
  const fleet = (...args: Parameters<typeof makeFleet>) => {
    const f = makeFleet(...args);
    fleets.push(f);
    return f;
  };

  it('an agent program that cannot start is "could not start" in the headline, never "All good"', async () => {
    // `sh` is installed, so the start-up check passes; the program it runs is not (exit 127)
    const f = fleet(
      [
        { name: 'ghost', command: 'sh -c no-such-agent-program-xyz', profile: 'claude-code', task: TASK },
        simAgent('builder', 'worker'),
      ],
      { plugins: PLUGINS },
    );
    const result = await nightshift(['night', '--now', '--for', '12s', '--config', f.configFile], {
      cwd: f.dir,
    });
    expect(result.exitCode, result.all).toBe(0);
    const subject = result.stdout.split('\n').find((l) => l.startsWith('[nightshift]')) ?? '';
    expect(subject).toMatch(/1 failed \(1 could not start\)/);
    expect(subject).not.toContain('All good');
    const report = f.read(join(f.runDir(), 'report.md'));
    expect(report).toMatch(/could not start: exited with status 127 \(command not found\)/);
    // not restarted over and over: the shell cannot run it, so nightshift says so once and stops
    expect(f.events(f.runDir()).filter((e) => e.type === 'agent-restarted' && e.agent === 'ghost')).toEqual(
      [],
    );
    expect(report).toMatch(/ghost.*could not start/);
  }, 120_000);

  it('a task never delivered (no input box recognised) is on "needs you" with what the screen showed', async () => {
    const fixture = join(repoRoot, 'examples', 'agents', 'no-input-box.mjs');
    const f = fleet(
      [
        {
          name: 'strange',
          command: `node ${fixture}`,
          profile: 'claude-code',
          task: TASK,
          size: { cols: 100, rows: 20 },
        },
      ],
      {
        plugins: [...PLUGINS.filter((p) => p !== 'kickoff'), { name: 'kickoff', options: { within: '4s' } }],
      },
    );
    const result = await nightshift(['night', '--now', '--for', '14s', '--config', f.configFile], {
      cwd: f.dir,
    });
    expect(result.exitCode, result.all).toBe(0);
    const subject = result.stdout.split('\n').find((l) => l.startsWith('[nightshift]')) ?? '';
    expect(subject).toMatch(/1 needs you/);
    const report = f.read(join(f.runDir(), 'report.md'));
    const needsYou = report.slice(
      report.indexOf('## Needs you'),
      report.indexOf('\n## ', report.indexOf('## Needs you') + 3),
    );
    expect(needsYou).toContain('strange');
    expect(needsYou).toMatch(/task was never delivered: no input box nightshift recognises appeared/);
    expect(needsYou).toContain('Press F9 to open the command palette');
    const typed = f.events(f.runDir()).filter((e) => e.type === 'action' && e.action === 'type');
    expect(typed).toEqual([]);
  }, 120_000);

  it('a dry run starts nothing, sends nothing, and its report says DRY RUN and lists each held-back action', async () => {
    const f = fleet([simAgent('builder', 'worker', { task: TASK }), simAgent('tester', 'worker')], {
      plugins: PLUGINS,
    });
    const result = await nightshift(
      ['night', '--now', '--for', '6s', '--dry-run', '--config', f.configFile],
      { cwd: f.dir },
    );
    expect(result.exitCode, result.all).toBe(0);
    const subject = result.stdout.split('\n').find((l) => l.startsWith('[nightshift]')) ?? '';
    expect(subject).toMatch(/^\[nightshift\] DRY RUN \(2 held back\)/);
    const events = f.events(f.runDir());
    expect(events.filter((e) => e.type === 'agent-started')).toEqual([]);
    expect(events.filter((e) => e.type === 'action' && !e.dryRun)).toEqual([]);
    // no window was created: the private tmux server has no pane at all
    const panes = await f.tmux('list-panes', '-a', '-F', '#{pane_id}');
    expect(panes.stdout.trim()).toBe('');
    const report = f.read(join(f.runDir(), 'report.md'));
    expect(report.split('\n')[0]).toMatch(/^# .*DRY RUN/);
    expect(report).toContain('**This was a dry run.**');
    for (const agent of ['builder', 'tester'])
      expect(report).toMatch(
        new RegExp(`${agent} \\| restart \\| would create window fleet:${agent} and start`),
      );
    expect(report).not.toContain('No rescues were needed');
    const mail = await simpleParser(f.read(join(f.runDir(), 'report.eml')));
    expect(mail.subject).toMatch(/^\[nightshift\] DRY RUN/);
  }, 120_000);
});

describe('piped night --now', () => {
  it('prints plain event lines, the delivery outcome, and that the agents were left running', async () => {
    const f = makeFleet([simAgent('builder', 'worker')], { plugins: PLUGINS });
    try {
      const result = await nightshift(['night', '--now', '--for', '5s', '--config', f.configFile], {
        cwd: f.dir,
      });
      expect(result.exitCode, result.all).toBe(0);
      expect(result.stdout).toMatch(/^\d\d:\d\d:\d\d builder: started `node /m);
      expect(result.stdout).not.toContain('\x1b[2K');
      expect(result.stdout).toMatch(/^delivery: ok \(eml\)/m);
      expect(result.stdout).toMatch(
        /^note: the agents are still running in tmux session "fleet".*kill-session -t fleet/m,
      );
      const report = f.read(join(f.runDir(), 'report.md'));
      expect(report).toContain('the agents are still running in tmux session "fleet"');
      expect(existsSync(join(f.runDir(), 'report.eml'))).toBe(true);
      expect(readdirSync(f.runDir())).toContain('events.jsonl');
      expect(readFileSync(join(f.runDir(), 'report.md'), 'utf8').length).toBeGreaterThan(100);
    } finally {
      await f.cleanup();
    }
  }, 120_000);
});

describe('Ctrl-C during night --now', () => {
  it('ends the night early, writes the report and exits 130', async () => {
    const f = makeFleet([simAgent('builder', 'worker')], { plugins: PLUGINS });
    try {
      const child = nightshift(['night', '--now', '--for', '10m', '--config', f.configFile], { cwd: f.dir });
      let seen = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`never started:\n${seen}`)), 60_000);
        child.stdout?.on('data', (c: Buffer) => {
          seen += c.toString();
          if (/builder: started/.test(seen)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      child.kill('SIGINT');
      const result = await child;
      expect(result.exitCode, result.all).toBe(130);
      expect(result.stdout).toMatch(/ended: signal/);
      expect(existsSync(join(f.runDir(), 'report.md'))).toBe(true);
      expect(f.events(f.runDir()).filter((e) => e.type === 'night-end')).toEqual([
        expect.objectContaining({ reason: 'signal' }),
      ]);
    } finally {
      await f.cleanup();
    }
  }, 120_000);
});

describe('night --now on a terminal', () => {
  it('shows a live status line: agents by state, rescues, time left', async () => {
    const f = makeFleet([simAgent('builder', 'worker')], { plugins: PLUGINS });
    try {
      // `script` gives the CLI a pseudo-terminal, as a person's shell would
      const cli = ['node', '--import', join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')];
      const line = [
        ...cli,
        join(repoRoot, 'core', 'cli.ts'),
        'night',
        '--now',
        '--for',
        '6s',
        '--config',
        f.configFile,
      ]
        .map((w) => `'${w}'`)
        .join(' ');
      const result = await execa('script', ['-qfec', line, '/dev/null'], { cwd: f.dir, reject: false });
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.stdout).toContain('\x1b[2K');
      expect(result.stdout).toMatch(
        /night: 1 \w+ · \d+ rescues? · \d+ needs? you · \d+s left \(Ctrl-C ends it/,
      );
    } finally {
      await f.cleanup();
    }
  }, 120_000);
});
