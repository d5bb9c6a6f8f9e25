// The report's secret redaction, handed to the night for its screen record (core cannot import reports/).
import type { RecordRedactor } from '../journal/screen-record.js';
import { lineRedactor } from '../../reports/redact.js';

/** Redacts recorded screens and hook requests exactly as the report redacts, `secrets` (the config's) included. */
export function recordRedactor(secrets: readonly string[]): RecordRedactor {
  return {
    lines: (lines) => lines.map(lineRedactor(secrets)),
    text: (text) => text.split('\n').map(lineRedactor(secrets)).join('\n'),
  };
}
