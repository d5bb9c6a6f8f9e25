import { describe, expect, it } from 'vitest';
import { classifyPath, type PathKind } from '../../core/guard/paths/classify-path.js';
import { UNKNOWN } from '../../core/guard/syntax/arg.js';

const places = {
  cwd: '/work/project',
  project: '/work/project',
  home: '/home/dev',
  tmpdir: undefined,
  protectedPaths: ['/etc/nightshift/nightshift.config.yaml', '/var/lib/nightshift'],
};

const CASES: [path: string, glob: boolean, kind: PathKind][] = [
  ['/', false, 'root'],
  ['//', false, 'root'],
  ['/./', false, 'root'],
  ['/usr/..', false, 'root'],
  ['/*', true, 'root'],
  ['/etc', false, 'system'],
  ['/etc/passwd', false, 'system'],
  ['/var/tmp/../../home', false, 'system'],
  ['/home/*', true, 'system'],
  ['/tmp', false, 'system'],
  ['/tmp/*', true, 'system'],
  ['/tmp/build-cache', false, 'temp'],
  ['/var/tmp/x', false, 'temp'],
  ['/dev/sda', false, 'device'],
  ['/dev/null', false, 'null-device'],
  ['/dev/fd/63', false, 'null-device'],
  ['~', false, 'home'],
  ['~/', false, 'home'],
  ['~/*', true, 'home'],
  ['/home/dev/.', false, 'home'],
  ['/home/alice', false, 'home'],
  ['~alice', false, 'home'],
  ['~/.ssh', false, 'home-sensitive'],
  ['~/.ssh/id_rsa', false, 'home-sensitive'],
  ['~/.bashrc', false, 'home-sensitive'],
  ['~/.config/gh/hosts.yml', false, 'home-sensitive'],
  ['~/Documents', false, 'outside'],
  ['~/Downloads/*.md', true, 'outside'],
  ['..', false, 'outside'],
  ['../other', false, 'outside'],
  ['/opt-not-system/x', false, 'outside'],
  ['.', false, 'project-root'],
  ['./', false, 'project-root'],
  ['*', true, 'project-root'],
  ['.*', true, 'project-root'],
  ['src/..', false, 'project-root'],
  ['.git', false, 'project-vcs'],
  ['.git/index.lock', false, 'project-vcs'],
  ['src', false, 'project-source'],
  ['src/app.ts', false, 'project-source'],
  ['*.ts', true, 'project-source'],
  ['node_modules', false, 'project-build'],
  ['./dist', false, 'project-build'],
  ['packages/*/dist', true, 'project-build'],
  ['**/node_modules', true, 'project-build'],
  ['src/__pycache__', false, 'project-build'],
  ['app.pyc', false, 'project-build'],
  ['package-lock.json', false, 'project-build'],
  ['$DIR', false, 'project-source'],
  [`${UNKNOWN}/x`, false, 'unknown'],
];

describe('classifyPath', () => {
  it.each(CASES)('%s (glob %s) → %s', (path, glob, kind) => {
    expect(classifyPath(path, places, glob).kind).toBe(kind);
  });

  it('is unknown for relative paths after a cd to a run-time directory', () => {
    expect(classifyPath('src', { ...places, cwd: undefined }).kind).toBe('unknown');
    expect(classifyPath('/etc', { ...places, cwd: undefined }).kind).toBe('system');
  });

  it.each([
    ['~/.ssh/id_ed25519', true],
    ['~/.ssh/id_ed25519.pub', false],
    ['~/.ssh/known_hosts', false],
    ['~/.aws/credentials', true],
    ['~/.kube/config', true],
    ['~/.bashrc', false],
    ['.env', true],
    ['.env.local', true],
    ['.env.example', false],
    ['/etc/shadow', true],
    ['/etc/hosts', false],
  ])('%s is secret: %s', (path, secret) => {
    expect(classifyPath(path, places).secret).toBe(secret);
  });

  it.each([
    ['/etc/nightshift/nightshift.config.yaml', true],
    ['/var/lib/nightshift/nights/2026-01-01/events.jsonl', true],
    ['nightshift.config.ts', true],
    ['config/.nightshiftrc.json', true],
    ['.claude/settings.json', true],
    ['src/settings.json', false],
  ])('%s is protected: %s', (path, isProtected) => {
    expect(classifyPath(path, places).protected).toBe(isProtected);
  });
});
