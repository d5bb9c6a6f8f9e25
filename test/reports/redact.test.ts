import { describe, expect, it } from 'vitest';
import { lineRedactor, redact } from '../../reports/index.js';
import {
  PLANTED_KEY_BLOCK,
  PLANTED_KEY_NEEDLES,
  PLANTED_SECRETS,
} from '../fixtures/reports/planted-secrets.js';

describe('redact', () => {
  it.each(PLANTED_SECRETS.map((s) => [s.kind, s]))('removes a %s', (_kind, s) => {
    const out = redact(s.text);
    expect(out).not.toContain(s.needle);
    expect(out).toMatch(/\[REDACTED:[a-z-]+\]/);
  });

  it('covers at least 20 formats', () => {
    expect(new Set(PLANTED_SECRETS.map((s) => s.kind)).size).toBeGreaterThanOrEqual(20);
  });

  it.each([
    ['a token count', 'tokens: 4100'],
    ['a commit hash', 'commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f'],
    ['an author line', 'author: John'],
    ['an empty password prompt', 'Password: '],
    ['prose about tokens', 'the token was refreshed'],
    ['a short sk- word', 'sk-learn is nice'],
    ['a URL without credentials', 'see https://example.com/path?x=1'],
    ['a file path', 'src/auth/session.ts:42:7'],
  ])('leaves %s alone', (_what, text) => {
    expect(redact(text)).toBe(text);
  });

  it('keeps the user part of a URL and replaces only the password', () => {
    expect(redact('git clone https://athena:hunter2hunter@git.example.com/x.git')).toBe(
      'git clone https://athena:[REDACTED:url-password]@git.example.com/x.git',
    );
  });

  it('redacts literal values from the config (secrets pulled from the environment)', () => {
    expect(redact('connecting with pw Plain-Looking-Value', ['Plain-Looking-Value'])).toBe(
      'connecting with pw [REDACTED:config]',
    );
  });

  it('removes a private key block whole, as text and line by line', () => {
    const text = ['before', ...PLANTED_KEY_BLOCK, 'after'].join('\n');
    const blob = redact(text);
    const lines = ['before', ...PLANTED_KEY_BLOCK, 'after'].map(lineRedactor());
    for (const needle of PLANTED_KEY_NEEDLES) {
      expect(blob).not.toContain(needle);
      expect(lines.join('\n')).not.toContain(needle);
    }
    expect(lines[0]).toBe('before');
    expect(lines.at(-1)).toBe('after');
  });
});
