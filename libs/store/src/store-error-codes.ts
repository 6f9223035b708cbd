// The store library's stable error codes and their verdicts, in one place: the connection, the inbox
// records and the dead-letter storage.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const StoreErrorCode = defineErrorCodes({
  /** The first connection failed (or the server answered nothing usable). */
  storeUnreachable: ['STORE_UNREACHABLE', 'retryable'],
  /** A command failed because the database is unreachable right now. */
  databaseUnavailable: ['DATABASE_UNAVAILABLE', 'retryable'],
  /** An insert's reply did not account for every document: not done, try again. */
  insertUnconfirmed: ['STORE_INSERT_UNCONFIRMED', 'retryable'],
  /** Inbox records kept changing under a claim. */
  inboxContended: ['INBOX_CONTENDED', 'retryable'],
  /** An inbox write got no answer in time (a driver call hung on a dead connection): try again. */
  inboxWriteTimeout: ['INBOX_WRITE_TIMEOUT', 'retryable'],
  /** An inbox record that does not parse. */
  inboxRecordInvalid: ['INBOX_RECORD_INVALID', 'permanent'],
  /** A dead letter to store that does not parse. */
  deadLetterInvalid: ['DEAD_LETTER_INVALID', 'permanent'],
  /** A page size outside 1..500. */
  deadLetterBadLimit: ['DEAD_LETTER_BAD_LIMIT', 'permanent'],
  /** A purge with neither a queue nor ids. */
  deadLetterPurgeUnbounded: ['DEAD_LETTER_PURGE_UNBOUNDED', 'permanent'],
  /** A stored dead letter that does not parse. */
  deadLetterUnreadable: ['DEAD_LETTER_UNREADABLE', 'permanent'],
  /** Not a dead-letter page cursor. */
  deadLetterBadCursor: ['DEAD_LETTER_BAD_CURSOR', 'permanent'],
});

export type StoreErrorCode = ErrorCodeOf<typeof StoreErrorCode>;
