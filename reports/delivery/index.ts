// Delivery of the report: SMTP via nodemailer, an outbox that survives a down server, .eml without SMTP.
export {
  deliverReport,
  flushOutbox,
  outboxDir,
  senderFor,
  type DeliveryOutcome,
  type DeliverOptions,
  type DeliveryConfig,
  type OutboxLog,
} from './deliver.js';
export {
  Outbox,
  BACKOFF_MINUTES,
  type OutboxItem,
  type OutboxAttempt,
  type OutboxState,
  type FlushResult,
  type OutboxOptions,
} from './outbox.js';
export { parseSmtpUrl, isLoopback, type SmtpSettings } from './smtp-settings.js';
export { smtpSender, renderEml, type Sender, type SendOutcome } from './smtp-send.js';
export { classifySendError, type SendFailureKind } from './classify-error.js';
export { reportMessage, type OutboxMessage } from './message.js';
export { deliveryEvent, appendToNightJournal, journalAttempts } from './journal-attempts.js';
