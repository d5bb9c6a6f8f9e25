// The built-in reporter plugins: the standard sections, the per-agent detail, and email delivery.
import agentDetail from './agent-detail.js';
import email from './email.js';
import markdownReport from './markdown-report.js';

export { agentDetail, email, markdownReport };

/** Built-in reporters in report order, by name. */
export const REPORTERS = [markdownReport, agentDetail, email] as const;
