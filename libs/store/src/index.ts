export { connectStore, type Store, type StoreOptions } from './store.ts';
export type { DatabaseCommand, DatabaseCommandListener } from './command-counting.ts';
export { createIndexesOneByOne } from './create-indexes.ts';
export { collectionNames } from './collections.ts';
export { insertNew, isDuplicateKeyError } from './duplicate-key.ts';
export { StoreErrorCode } from './store-error-codes.ts';
export {
  DatabaseUnavailableError,
  databaseUnavailableFrom,
  isDatabaseUnavailable,
} from './database-unavailable-error.ts';

export type { ClaimOutcome, InboxClaim, InboxClaimRequest, InboxPort } from '@conveyor/contracts';
export { createInbox, type Inbox, type InboxOptions, type InboxStatus } from './inbox.ts';

export {
  deadLetterEntrySchema,
  newDeadLetterSchema,
  deadLetterId,
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
