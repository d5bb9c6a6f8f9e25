// The morning report pipeline: what the night lifecycle, the CLI and the reporter plugins import.
export { buildNightRecord } from './night-record.js';
export {
  compileReport,
  HTML_LIMIT,
  headline,
  subjectLine,
  type CompileOptions,
  type CompiledNightReport,
  type Counts,
} from './compile/index.js';
export { analyzeNight, type AnalyzeOptions } from './model/analyze.js';
export type * from './model/types.js';
export * from './sections/index.js';
export * from './delivery/index.js';
export * from './transcript/index.js';
export * from './coordination/index.js';
export { redact, lineRedactor, type LineRedactor } from './redact.js';
export { SECRET_PATTERNS, type SecretPattern } from './redact-patterns.js';
export { mdText, mdCode, mdFence, mdTable } from './render/markdown-escape.js';
export { markdownToHtml } from './render/markdown-html.js';
