// The night's work as a queue, live: real tmux, real git repositories, a scripted agent program
// (examples/agents/works-through-tasks.mjs) that takes each task from its input box and commits, fails, hangs or asks.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { nightshift, repoRoot } from '../helpers/cli.js';
import { makeFleet } from '../helpers/fleet.js';
import { waitFor } from '../helpers/wait.js';
import type { JournalEvent } from '../../core/journal/events.js';
import type { StoredRun } from '../../core/queue/store.js';

const FIXTURE = join(repoRoot, 'examples', 'agents', 'works-through-tasks.mjs');
const PLUGINS = ['exited', 'prompt', 'auto-confirm', 'restart', 'escalate', 'markdown-report'];

/** A fixture agent that records what it gets into `record.jsonl` in the fleet's folder. */
const worker = (dir: string, name: string, cwd: string, work = 1500) => ({
  name,
  command: `node ${FIXTURE} --name ${name} --record ${join(dir, 'record.jsonl')} --work ${work}`,
  profile: 'claude-code',
  cwd,
  size: { cols: 100, rows: 30 },
});

/** A git repository with one commit on main: the person's checkout. */
function personRepo(path: string): string {
  mkdirSync(path, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: path, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  writeFileSync(join(path, 'README.md'), '# app\n');
  git('add', 'README.md');
  git('-c', 'user.name=Person', '-c', 'user.email=p@example.com', 'commit', '-q', '-m', 'start');
  return git('rev-parse', 'HEAD');
}

const gitIn = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
const stored = (dir: string): Record<string, StoredRun> =>
  existsSync(join(dir, 'state', 'queue', 'state.json'))
    ? (
        JSON.parse(readFileSync(join(dir, 'state', 'queue', 'state.json'), 'utf8')) as {
          runs: Record<string, StoredRun>;
        }
      ).runs
    : {};
/** The queue's typing of each task: `action` events by the queue carrying the task's marker. */
const deliveries = (events: readonly JournalEvent[], id: string) =>
  events.filter(
    (e) =>
      e.type === 'action' && e.plugin === 'queue' && e.action === 'type' && e.text?.includes(`[task ${id}]`),
  );
const recorded = (dir: string) =>
  existsSync(join(dir, 'record.jsonl'))
    ? readFileSync(join(dir, 'record.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { event: string; agent: string; text?: string; id?: string })
    : [];

/** Every listed task has ended (any end state). */
const ended = (dir: string, ids: readonly string[]) =>
  ids.every((id) => ['done', 'failed', 'blocked', 'timed-out'].includes(stored(dir)[id]?.state ?? ''));

/**
 * Runs a night until `ids` have all ended, then stops it with SIGINT (it compiles its report and exits 130): a loaded
 * machine makes the queue slower, never the test wrong.
 */
async function nightUntil(f: { dir: string; configFile: string }, ids: readonly string[], wait = 240_000) {
  const night = nightshift(['night', '--now', '--for', '20m', '--config', f.configFile], { cwd: f.dir });
  let exited = false;
  void night.then(() => (exited = true));
  await waitFor(() => ended(f.dir, ids) || exited, `tasks ${ids.join(', ')} ended`, wait, 500);
  night.kill('SIGINT');
  const result = await night;
  expect(result.exitCode, result.all).toBe(130);
  return result;
}

describe.concurrent('the night works through a queue (real tmux, real git)', () => {
  const fleets: ReturnType<typeof makeFleet>[] = [];
  afterAll(() => Promise.all(fleets.map((f) => f.cleanup())));
  const fleet = (agents: (dir: string) => object[], overrides: (dir: string) => Record<string, unknown>) => {
    const f = makeFleet([], {});
    // the agents and the queue need the fleet's folder: written into its config once it exists
    const config = parse(readFileSync(f.configFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(f.configFile, stringify({ ...config, agents: agents(f.dir), ...overrides(f.dir) }));
    fleets.push(f);
    return f;
  };

  it('5 tasks over 2 agents with after and paths: a valid order, each on its own branch with its own commit, the checkout untouched', async () => {
    const f = fleet(
      (dir) => [worker(dir, 'a1', join(dir, 'app')), worker(dir, 'a2', join(dir, 'app'))],
      (dir) => ({
        plugins: PLUGINS,
        coordination: { file: join(dir, 'COORDINATION.md') },
        queue: { workspace: 'worktree', repo: './app', timeout: '5m', quiet: '30s' },
        tasks: [
          { id: 'login', text: 'Fix the login test', agent: 'a1' },
          { id: 'logger', text: 'Upgrade the logger', after: ['login'] },
          { id: 'auth', text: 'Tidy src', paths: ['src/'] },
          { id: 'auth-docs', text: 'Tidy src/auth', paths: ['src/auth'] },
          { id: 'export-docs', text: 'Document export', after: ['logger'], agent: 'a2' },
        ],
      }),
    );
    const app = join(f.dir, 'app');
    const base = personRepo(app);
    const ids = ['login', 'logger', 'auth', 'auth-docs', 'export-docs'];
    const result = await nightUntil(f, ids);
    const runs = stored(f.dir);
    expect(Object.fromEntries(ids.map((id) => [id, runs[id]?.state]))).toEqual(
      Object.fromEntries(ids.map((id) => [id, 'done'])),
    );
    const at = (id: string, k: 'startedAt' | 'endedAt') => Date.parse(runs[id]![k]!);
    expect(at('logger', 'startedAt')).toBeGreaterThanOrEqual(at('login', 'endedAt'));
    expect(at('export-docs', 'startedAt')).toBeGreaterThanOrEqual(at('logger', 'endedAt'));
    // src/ and src/auth overlap: one ran after the other
    const [first, second] = ['auth', 'auth-docs'].sort((a, b) => at(a, 'startedAt') - at(b, 'startedAt'));
    expect(at(second!, 'startedAt')).toBeGreaterThanOrEqual(at(first!, 'endedAt'));
    expect(runs.login!.agent).toBe('a1');
    expect(runs['export-docs']!.agent).toBe('a2');
    expect(new Set(ids.map((id) => runs[id]!.agent))).toEqual(new Set(['a1', 'a2']));

    const night = basename(f.runDir()); // the night's id: the date it started on, also past midnight
    for (const id of ids) {
      const branch = `nightshift/${night}/${id}`;
      expect(gitIn(app, 'rev-list', '--count', `${base}..${branch}`), branch).toBe('1');
      expect(gitIn(app, 'show', '--name-only', '--format=', branch)).toBe(`${id}.txt`);
    }
    // the person's checkout: same commit, same branch, nothing changed, no branch but main and the tasks'
    expect(gitIn(app, 'rev-parse', 'HEAD')).toBe(base);
    expect(gitIn(app, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(gitIn(app, 'status', '--porcelain')).toBe('');
    expect(
      gitIn(app, 'branch', '--format=%(refname:short)')
        .split('\n')
        .filter((b) => !b.startsWith('nightshift/')),
    ).toEqual(['main']);

    const events = f.events(f.runDir());
    for (const id of ids) expect(deliveries(events, id), id).toHaveLength(1);
    const report = f.read(join(f.runDir(), 'report.md'));
    expect(report.indexOf('## Work')).toBeGreaterThan(0);
    expect(report.indexOf('## Work')).toBeLessThan(report.indexOf('## Needs you'));
    for (const id of ids)
      expect(report).toMatch(
        new RegExp(
          `\\| \`${id}\` \\| a[12] \\| done \\| .* \\| \`nightshift/${night}/${id}\` \\| 1 \\| 1 file changed, 1 insertion\\(\\+\\) \\|`,
        ),
      );
    expect(result.stdout).toMatch(/tasks 5 done, 0 failed, 0 blocked/);
  }, 300_000);

  it('a task that times out is stopped and the next starts; a question parks its task, not the queue; a failure is reported', async () => {
    const f = fleet(
      (dir) => [worker(dir, 'solo', join(dir, 'work'))],
      (dir) => ({
        plugins: PLUGINS,
        coordination: { file: join(dir, 'COORDINATION.md') },
        queue: { timeout: '8s', park: '5s', quiet: '30s' },
        tasks: [
          { id: 'hangs', text: 'Refactor everything (hang)' },
          { id: 'asks', text: 'Change the API (ask)' },
          { id: 'fails', text: 'Upgrade the database (fail)' },
          { id: 'works', text: 'Write the changelog' },
        ],
      }),
    );
    personRepo(join(f.dir, 'work'));
    const result = await nightUntil(f, ['hangs', 'asks', 'fails', 'works']);
    const runs = stored(f.dir);
    expect(Object.fromEntries(Object.entries(runs).map(([id, r]) => [id, [r.state, r.endedBy]]))).toEqual({
      hangs: ['timed-out', 'timeout'],
      asks: ['blocked', 'park'],
      fails: ['failed', 'coordination'],
      works: ['done', 'coordination'],
    });
    expect(runs.asks!.blockedOn).toMatch(/should I also change the public API/);
    // each task reached the agent once, in order
    const messages = recorded(f.dir)
      .filter((r) => r.event === 'message')
      .map((r) => r.text?.match(/\[task (\S+)\]/)?.[1]);
    expect(messages).toEqual(['hangs', 'asks', 'fails', 'works']);
    const report = f.read(join(f.runDir(), 'report.md'));
    expect(report).toMatch(/\| `hangs` \| solo \| timed out \|/);
    expect(report).toMatch(/\| `asks` \| solo \| blocked on you \|/);
    expect(report).toMatch(/\| `fails` \| solo \| failed \|/);
    expect(report).toMatch(/\| `works` \| solo \| done \|/);
    const needsYou = report.slice(
      report.indexOf('## Needs you'),
      report.indexOf('\n## ', report.indexOf('## Needs you') + 3),
    );
    expect(needsYou).toMatch(/Task asks is blocked on you: a question waiting on a person: .*public API/);
    expect(needsYou).toMatch(/Task fails failed/);
    expect(needsYou).toMatch(/Task hangs timed out/);
    expect(result.stdout).toMatch(/tasks 1 done, 2 failed, 1 blocked/);
  }, 300_000);

  it('the runner SIGKILLed mid-queue and started again: every task done exactly once', async () => {
    const f = fleet(
      (dir) => [worker(dir, 'a1', join(dir, 'app'), 3000)],
      (dir) => ({
        plugins: PLUGINS,
        coordination: { file: join(dir, 'COORDINATION.md') },
        queue: { workspace: 'worktree', repo: './app', timeout: '5m', quiet: '30s' },
        tasks: ['one', 'two', 'three', 'four'].map((id) => ({ id, text: `Write ${id}` })),
      }),
    );
    const app = join(f.dir, 'app');
    const base = personRepo(app);
    const args = ['night', '--now', '--for', '20m', '--config', f.configFile];
    const first = nightshift(args, { cwd: f.dir });
    // killed while a task is in flight, after at least one ended
    await waitFor(
      () => {
        const runs = Object.values(stored(f.dir));
        return runs.some((r) => r.state === 'done') && runs.some((r) => r.state === 'running');
      },
      'one task done and the next running',
      180_000,
      200,
    );
    first.kill('SIGKILL');
    await first;
    await nightUntil(f, ['one', 'two', 'three', 'four']);

    const runs = stored(f.dir);
    const events = f.events(f.runDir());
    const night = basename(f.runDir()); // the night's id: the date it started on, also past midnight
    const messages = recorded(f.dir).filter((r) => r.event === 'message');
    for (const id of ['one', 'two', 'three', 'four']) {
      expect(runs[id]?.state, id).toBe('done');
      expect(gitIn(app, 'rev-list', '--count', `${base}..nightshift/${night}/${id}`), id).toBe('1');
      expect(deliveries(events, id), id).toHaveLength(1);
      expect(
        messages.filter((m) => m.text?.includes(`[task ${id}]`)),
        id,
      ).toHaveLength(1);
    }
    expect(
      events.filter((e) => e.type === 'night-start').map((e) => e.type === 'night-start' && e.resumed),
    ).toEqual([false, true]);
    expect(gitIn(app, 'status', '--porcelain')).toBe('');
  }, 400_000);

  it('nightshift tasks add during a running night is picked up and done', async () => {
    const f = fleet(
      (dir) => [worker(dir, 'solo', join(dir, 'work'))],
      (dir) => ({
        plugins: PLUGINS,
        coordination: { file: join(dir, 'COORDINATION.md') },
        queue: { quiet: '30s' },
        tasks: [{ id: 'first', text: 'Write the first file' }],
      }),
    );
    personRepo(join(f.dir, 'work'));
    const night = nightshift(['night', '--now', '--for', '20m', '--config', f.configFile], { cwd: f.dir });
    await waitFor(() => stored(f.dir).first?.state === 'done', 'the first task done', 180_000, 200);
    const added = await nightshift(
      ['tasks', 'add', 'Write the late file', '--id', 'late', '--config', f.configFile],
      {
        cwd: f.dir,
      },
    );
    expect(added.exitCode, added.all).toBe(0);
    expect(added.stdout).toContain('queued late');
    let exited = false;
    void night.then(() => (exited = true));
    await waitFor(() => ended(f.dir, ['late']) || exited, 'the added task ended', 180_000, 200);
    night.kill('SIGINT');
    const result = await night;
    expect(result.exitCode, result.all).toBe(130);
    expect(stored(f.dir).late?.state).toBe('done');
    const listed = await nightshift(['tasks', '--json', '--config', f.configFile], { cwd: f.dir });
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string; state: string }).state),
    ).toEqual(['done', 'done']);
    // a bad addition is refused with the problem's path, and nothing is added
    const bad = await nightshift(['tasks', 'add', 'x', '--after', 'nothing', '--config', f.configFile], {
      cwd: f.dir,
    });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--after: no task has the id "nothing"');
  }, 300_000);
});
