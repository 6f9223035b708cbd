import { RetryableError } from '@conveyor/contracts';
import { StoreErrorCode } from './store-error-codes.ts';

/**
 * An insert the server did not confirm for a reason other than a duplicate _id (a write error, an
 * unmet write concern, a reply that does not add up): nothing may be taken as written, so the caller
 * retries.
 */
export class UnconfirmedInsertError extends RetryableError {
  readonly serverCode: number | undefined;

  constructor(collection: string, failure: { code?: number; errmsg?: string }) {
    super(
      StoreErrorCode.insertUnconfirmed,
      `insert into ${collection} was not confirmed: ${failure.errmsg ?? 'no reason given'}`,
    );
    this.name = 'UnconfirmedInsertError';
    this.serverCode = failure.code;
  }
}
