// doctor's privacy check on real files and modes: what others can read, and the command that fixes it.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/load.js';
import { literalSecret, privacyCheck } from '../../core/commands/doctor-privacy.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-privacy-'));
  mkdirSync(join(dir, 'state', 'nights', '2026-12-01'), { recursive: true, mode: 0o700 });
  chmodSync(join(dir, 'state'), 0o700);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A config file with `text`, chmod `mode`, loaded as doctor loads it. */
function loaded(text: string, mode: number) {
  const file = join(dir, 'nightshift.config.yaml');
  writeFileSync(file, text);
  chmodSync(file, mode);
  return resolveConfig(
    { stateDir: './state', agents: [{ name: 'a', command: 'true' }] },
    { cwd: dir, filepath: file, env: { SMTP_URL: 'smtp://u:p@x' } },
  );
}

describe('doctor privacy check', () => {
  const cases = [
    {
      name: 'a private state dir and a config of ${VAR} references',
      text: 'smtp: "${SMTP_URL}"\n',
      mode: 0o644,
      ok: true,
    },
    {
      name: 'a literal SMTP password in a config others can read',
      text: 'smtp: smtp://me:hunter22@mail.example.com\n',
      mode: 0o644,
      ok: false,
      says: /holds a literal secret \(url-password\) and is 0644: run `chmod 600 '.*nightshift\.config\.yaml'`/,
    },
    {
      name: 'a literal token in a config only its owner reads',
      text: 'env: { GH: ghp_abcdefghijklmnopqrstuvwxyz0123456789AB }\n',
      mode: 0o600,
      ok: true,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const check = privacyCheck(loaded(c.text, c.mode));
      expect(check.ok, check.detail).toBe(c.ok);
      if (c.says) expect(check.detail).toMatch(c.says);
    });

  it('names a state dir others can read, and a past night, with the chmod that fixes them', () => {
    chmodSync(join(dir, 'state'), 0o755);
    writeFileSync(join(dir, 'state', 'nights', '2026-12-01', 'events.jsonl'), '{}\n', { mode: 0o644 });
    const check = privacyCheck(loaded('stateDir: ./state\n', 0o644));
    expect(check.ok).toBe(false);
    expect(check.detail).toContain(`the state dir ${join(dir, 'state')} is 0755, readable by others`);
    expect(check.detail).toContain(`chmod -R go-rwx '${join(dir, 'state')}'`);
    expect(check.detail).toMatch(/events\.jsonl 0644/);
  });

  it('sees secrets by their shapes, never ${VAR} references', () => {
    expect(literalSecret('password: "${SMTP_PASS}"')).toBeUndefined();
    expect(literalSecret('token: ${TOKEN:-none}')).toBeUndefined();
    expect(literalSecret('apiKey: sk-ant-abcdefghijklmnopqrstuvwxyz')).toBe('anthropic-key');
  });
});
