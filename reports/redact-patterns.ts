// Secret formats the report must never carry. Each pattern matches the secret itself, or a
// prefix (group 1) that is kept followed by the secret that is replaced.

/** One secret format: `pattern` must be global; when it has a first group, that group is kept. */
export interface SecretPattern {
  readonly kind: string;
  readonly pattern: RegExp;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  // multi-line blocks first
  {
    kind: 'private-key',
    pattern:
      /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  // provider keys and tokens, by their published prefixes
  { kind: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: 'openai-key', pattern: /\bsk-(?:proj-|svcacct-|admin-|or-v1-)?[A-Za-z0-9_-]{20,}/g },
  {
    kind: 'aws-access-key',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g,
  },
  {
    kind: 'aws-secret-key',
    pattern: /(\baws_?secret_?access_?key\b["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40,}/gi,
  },
  { kind: 'github-token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b/g },
  { kind: 'github-pat', pattern: /\bgithub_pat_[A-Za-z0-9_]{60,}/g },
  { kind: 'gitlab-token', pattern: /\bgl(?:pat|dt|ptt|rt|soat)-[A-Za-z0-9_-]{20,}/g },
  { kind: 'slack-token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g },
  { kind: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]+/g },
  { kind: 'stripe-key', pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: 'google-api-key', pattern: /\bAIza[A-Za-z0-9_-]{35}/g },
  { kind: 'google-oauth-token', pattern: /\bya29\.[A-Za-z0-9_-]{20,}/g },
  { kind: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'pypi-token', pattern: /\bpypi-[A-Za-z0-9_-]{50,}/g },
  { kind: 'huggingface-token', pattern: /\bhf_[A-Za-z0-9]{30,}\b/g },
  { kind: 'sendgrid-key', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  { kind: 'twilio-key', pattern: /\bSK[0-9a-f]{32}\b/g },
  { kind: 'mailgun-key', pattern: /\bkey-[0-9a-f]{32}\b/g },
  { kind: 'digitalocean-token', pattern: /\bdo[pro]_v1_[a-f0-9]{64}\b/g },
  { kind: 'shopify-token', pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g },
  { kind: 'databricks-token', pattern: /\bdapi[a-f0-9]{32}\b/g },
  { kind: 'vault-token', pattern: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g },
  { kind: 'linear-key', pattern: /\blin_(?:api|oauth)_[A-Za-z0-9]{32,}/g },
  { kind: 'groq-key', pattern: /\bgsk_[A-Za-z0-9]{40,}/g },
  { kind: 'xai-key', pattern: /\bxai-[A-Za-z0-9]{40,}/g },
  { kind: 'telegram-bot-token', pattern: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g },
  { kind: 'age-secret-key', pattern: /\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b/g },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // credentials in context
  { kind: 'url-password', pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@'"]+:)[^\s@/'"]+(?=@)/gi },
  {
    kind: 'auth-header',
    pattern: /(\bauthorization["']?\s*[:=]\s*["']?(?:bearer|basic|token|bot)\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  },
  { kind: 'bearer-token', pattern: /(\bbearer\s+)[A-Za-z0-9._~+/-]{20,}=*/gi },
  { kind: 'connection-string-key', pattern: /(\b(?:AccountKey|SharedAccessKey|Password|Pwd)=)[^;\s'"]+/g },
  {
    kind: 'cli-flag',
    pattern: /(--(?:password|passwd|pass|token|api-key|apikey|secret|client-secret)(?:=|\s+))[^\s"']+/gi,
  },
  {
    kind: 'assignment',
    pattern:
      /(\b[A-Za-z0-9_.-]*(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?)["']?\s*(?::=|=|:)\s*["']?)(?!\[REDACTED)(?!\d{1,7}\b)[^\s"',;]{4,}/gi,
  },
];

/**
 * Cheap first look: a line without any of these cannot match a pattern above, so most lines skip
 * the full scan. Keep it in step with the patterns (the planted-secrets tests check both).
 */
export const SECRET_TRIGGER =
  /sk-|sk_|rk_|pk_|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|secret|token|pass|pwd|gh[pousr]_|github_pat|gl(?:pat|dt|ptt|rt|soat)-|xox|hooks\.slack|AIza|ya29\.|npm_|pypi-|hf_|SG\.|SK[0-9a-f]{32}|key-|do[pro]_v1|shp|dapi|hv[sbr]\.|lin_|gsk_|xai-|:AA|AGE-SECRET|eyJ|:\/\/[^\s/]*:|bearer|authoriz|AccountKey|SharedAccessKey|api.?key|apikey|access.?key|private.?key|credential|PRIVATE KEY/i;
