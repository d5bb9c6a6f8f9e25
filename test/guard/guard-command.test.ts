import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import command from '../../core/commands/guard.js';
import type { CommandArgs, CommandIO } from '../../core/commands/types.js';
import { NightshiftError } from '../../core/errors.js';
import { nightshift } from '../helpers/cli.js';

/** Runs `nightshift guard` in-process with buffers for stdout, stderr and stdin. */
async function run(
  values: CommandArgs['values'],
  positionals: string[] = [],
  stdin = '',
  cwd = '/work/project',
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const input = new PassThrough();
  input.end(stdin);
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const io: CommandIO = { stdout, stderr, stdin: input, env: { HOME: '/home/dev' }, cwd, isTTY: false };
  const code = await command.run({ values, positionals }, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('nightshift guard', () => {
  it('explains a verdict for a person', async () => {
    const { code, stdout } = await run({}, ['sudo sh -c "git push --force origin main"']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'BLOCK  core.git.push-force',
        '  reason:      force-pushes (--force, +refspec, --mirror): rewrites history on the remote for everyone',
        '  match:       git push --force origin main',
        '  alternative: push to a new branch, or use --force-with-lease on your own feature branch',
        '',
      ].join('\n'),
    );
  });

  it('says allow when no rule applies', async () => {
    expect((await run({}, ['git status'])).stdout).toBe('ALLOW\n  reason:      no rule applies\n');
  });

  it('prints one JSON object per stdin line in the DESIGN.md shape, exit 0 whatever the verdicts', async () => {
    const { code, stdout } = await run({ stdin: true, json: true }, [], 'ls -la\nrm -rf ~\necho "oops\n');
    expect(code).toBe(0);
    const records = jsonLines(stdout);
    expect(records.map((record) => [record.command, record.verdict, record.rule])).toEqual([
      ['ls -la', 'allow', null],
      ['rm -rf ~', 'block', 'core.fs.rm-recursive-home'],
      ['echo "oops', 'hold', 'core.parse.syntax-error'],
    ]);
    for (const record of records) expect(typeof record.reason).toBe('string');
  });

  it('classifies paths against --cwd', async () => {
    const inside = await run({ json: true, cwd: '/srv/app' }, ['rm -rf /srv/app/dist']);
    const outside = await run({ json: true, cwd: '/srv/other' }, ['rm -rf /srv/app/dist']);
    expect(jsonLines(inside.stdout)[0]?.verdict).toBe('allow');
    expect(jsonLines(outside.stdout)[0]?.verdict).toBe('block');
  });

  it('judges prose with --message', async () => {
    const { stdout } = await run({ json: true, message: true }, ['Work through TASKS.md, then stop']);
    expect(jsonLines(stdout)[0]?.verdict).toBe('allow');
  });

  it('lists the rules', async () => {
    const { stdout } = await run({ rules: true, json: true });
    expect(jsonLines(stdout).map((rule) => rule.id)).toContain('core.fs.rm-recursive-home');
  });

  it('is a usage error without a command or with both a command and --stdin', async () => {
    await expect(run({})).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run({ stdin: true }, ['ls'])).rejects.toBeInstanceOf(NightshiftError);
  });
});

describe('nightshift guard --config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guard-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = (allow: string) =>
    JSON.stringify({
      agents: [{ name: 'a', command: 'claude' }],
      guard: {
        allow: [{ rule: 'core.git.push-force', reason: allow }],
        rules: [{ id: 'user.no.make', command: 'make', reason: 'no make tonight' }],
      },
    });

  it('applies a trusted config: its rules and its allow entries', async () => {
    const file = join(dir, 'trusted.json');
    writeFileSync(file, config('sandbox repo'));
    const { stdout } = await run(
      { json: true, stdin: true, config: file },
      [],
      'git push --force\nmake\n',
      join(dir, 'project'),
    );
    const [push, make] = jsonLines(stdout);
    expect(push).toMatchObject({
      verdict: 'allow',
      allowedBy: { rule: 'core.git.push-force', reason: 'sandbox repo' },
    });
    expect(make).toMatchObject({ verdict: 'block', rule: 'user.no.make' });
  });

  it('ignores allow entries of a config inside the project (an agent could have written it)', async () => {
    const project = join(dir, 'repo');
    const file = join(project, 'nightshift.config.json');
    rmSync(project, { recursive: true, force: true });
    mkdirSync(project, { recursive: true });
    writeFileSync(file, config('the agent says so'));
    const { stdout, stderr } = await run(
      { json: true, stdin: true, config: file },
      [],
      'git push --force\nmake\n',
      project,
    );
    const [push, make] = jsonLines(stdout);
    expect(push).toMatchObject({ verdict: 'block', rule: 'core.git.push-force' });
    expect(make).toMatchObject({ verdict: 'block', rule: 'user.no.make' });
    expect(stderr).toContain('inside the project');
  });
});

describe('nightshift guard through the CLI', () => {
  it('reads stdin and exits 0', async () => {
    const result = await nightshift(['guard', '--stdin', '--json'], { cwd: '/tmp', input: 'rm -rf /\nls\n' });
    expect(result.exitCode).toBe(0);
    expect(jsonLines(result.stdout).map((record) => record.verdict)).toEqual(['block', 'allow']);
  });

  it('exits 2 on bad usage', async () => {
    const result = await nightshift(['guard'], { cwd: '/tmp' });
    expect(result.exitCode).toBe(2);
  });
});
