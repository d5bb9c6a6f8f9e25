import { definePlugin } from '../../core/index.js';
import { deliverReport } from '../../reports/index.js';

/**
 * `email`: delivers the compiled report to `report.email.to` through `report.email.smtp`; with no
 * SMTP URL the email is written as report.eml next to the report. A send that fails for a passing
 * reason stays in the outbox and is retried by the daemon until `report.email.deadline`. Every
 * attempt is journaled into the night's journal by the delivery code.
 */
export default definePlugin({
  name: 'email',
  timeoutMs: 120_000,
  async deliver(report, ctx) {
    const outcome = await deliverReport(report, {
      config: ctx.config,
      runDir: ctx.night.runDir,
      now: ctx.now,
    });
    const entry = {
      state: outcome.state,
      detail: outcome.detail,
      outbox: outcome.id,
      file: outcome.file,
      next: outcome.nextAttemptAt,
    };
    if (outcome.state === 'sent' || outcome.state === 'written') ctx.log.info(entry, 'report delivered');
    else if (outcome.state === 'pending')
      ctx.log.warn(entry, 'report delivery failed for now; it stays in the outbox and will be retried');
    else ctx.log.error(entry, 'report delivery failed and will not be retried');
  },
});
