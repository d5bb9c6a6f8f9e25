/** What a failed send means for the outbox. */
export type SendFailureKind =
  /** the server is down, busy or said 4xx: try again later */
  | 'transient'
  /** the server said 5xx: this message will not be accepted */
  | 'permanent'
  /** authentication, TLS or settings: retrying will not help until the config changes */
  | 'config';

const CONFIG_CODES = new Set(['EAUTH', 'ETLS', 'ECONFIG', 'EREQUIRETLS', 'ENOAUTH', 'EOAUTH2']);

/** Classifies a nodemailer error by its SMTP response code and error code. */
export function classifySendError(error: unknown): {
  kind: SendFailureKind;
  detail: string;
  responseCode: number | undefined;
  code: string | undefined;
} {
  const e = (error ?? {}) as {
    responseCode?: unknown;
    code?: unknown;
    message?: unknown;
    response?: unknown;
  };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const detail = [
    code,
    responseCode,
    typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(error),
  ]
    .filter((x) => x !== undefined && x !== '')
    .join(' ');
  if (code && CONFIG_CODES.has(code)) return { kind: 'config', detail, responseCode, code };
  if (responseCode !== undefined && responseCode >= 500)
    return { kind: 'permanent', detail, responseCode, code };
  // nodemailer refused the envelope itself (no or malformed recipients): no server will take it
  if (code === 'EENVELOPE' && responseCode === undefined)
    return { kind: 'permanent', detail, responseCode, code };
  return { kind: 'transient', detail, responseCode, code };
}
