export { connectStore, type Store, type StoreOptions } from './store.ts';
export { createIndexesOneByOne } from './create-indexes.ts';
export { collectionNames } from './collections.ts';
export { isDuplicateKeyError } from './duplicate-key.ts';
export {
  DatabaseUnavailableError,
  databaseUnavailableFrom,
  isDatabaseUnavailable,
} from './database-unavailable-error.ts';

export type { ClaimOutcome, InboxClaim, InboxClaimRequest, InboxPort } from '@conveyor/contracts';
export { createInbox, type Inbox, type InboxOptions, type InboxStatus } from './inbox.ts';

export {
  outboxEntries,
  outboxFields,
  withOutbox,
  outboxMessageSchema,
  outboxEntrySchema,
  type OutboxMessage,
  type OutboxEntry,
  type OutboxFields,
  type OutboxUpdate,
} from './outbox-entry.ts';
export { markOutboxSent, deleteOutboxMarkersOlderThan } from './outbox-sent.ts';
export {
  createOutboxRelay,
  ensureOutboxIndexes,
  type OutboxRelay,
  type OutboxRelayOptions,
  type OutboxSource,
} from './outbox-relay.ts';

export {
  deadLetterReasons,
  deadLetterEntrySchema,
  newDeadLetterSchema,
  deadLetterId,
  type KnownDeadLetterReason,
  type NewDeadLetter,
  type DeadLetterEntry,
  type DeadLetterProperties,
} from './dead-letter-entry.ts';
export { encodeDeadLetterBody, decodeDeadLetterBody, type EncodedBody } from './dead-letter-body.ts';
export {
  createDeadLetterStore,
  type DeadLetterStore,
  type DeadLetterListOptions,
  type DeadLetterPage,
} from './dead-letter-store.ts';

export {
  apiKeyPattern,
  apiKeyPrefix,
  generateApiKey,
  hashApiKey,
  parseApiKey,
  type ParsedApiKey,
} from './api-key.ts';
export {
  createApiKeyStore,
  type ApiKeyCheck,
  type ApiKeyInfo,
  type ApiKeyProvisioning,
  type ApiKeyStore,
} from './api-key-store.ts';
export { ApiKeyIdTakenError } from './api-key-id-taken-error.ts';
export { InvalidTenantIdError } from './invalid-tenant-id-error.ts';
