// A request failed because MongoDB cannot be reached right now (no server selectable, the connection
// lost, the pool cleared): the caller may try again shortly. Recognised from the driver's error classes,
// names and labels, never from message text; the driver's error stays as the cause, for the log.
import { RetryableError } from '@conveyor/contracts';
import { MongoError, MongoNetworkError, MongoServerSelectionError } from 'mongodb';
import { StoreErrorCode } from './store-error-codes.ts';

/** The driver's outage errors by name too: a second copy of the driver would fail `instanceof`. */
const outageNames: ReadonlySet<string> = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoPoolClearedError',
  // While the store reconnects a client whose server monitor stalled (see monitor-watchdog.ts).
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
]);

/** Labels the driver puts on errors that another try, on a (re)selected server, may not meet. */
const outageLabels = ['ResetPool', 'RetryableWriteError'] as const;

/** How far along `cause` an outage is looked for (wrapped errors). */
const maxCauseDepth = 5;

export class DatabaseUnavailableError extends RetryableError {
  /** A hint for `Retry-After`: about one server selection timeout. */
  readonly retryAfterSeconds = 5;

  constructor(cause: unknown) {
    super(StoreErrorCode.databaseUnavailable, 'the database is unreachable right now; try again shortly', {
      cause,
    });
  }
}

/** Whether `error` (or an error in its `cause` chain) says MongoDB cannot be reached now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth <= maxCauseDepth && current instanceof Error; depth += 1) {
    if (current instanceof DatabaseUnavailableError || isDriverOutage(current)) return true;
    current = current.cause;
  }
  return false;
}

/** `error` itself when it is one, a DatabaseUnavailableError caused by it for a driver outage, else undefined. */
export function databaseUnavailableFrom(error: unknown): DatabaseUnavailableError | undefined {
  if (error instanceof DatabaseUnavailableError) return error;
  return isDatabaseUnavailable(error) ? new DatabaseUnavailableError(error) : undefined;
}

function isDriverOutage(error: Error): boolean {
  if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError) return true;
  if (outageNames.has(error.name)) return true;
  return error instanceof MongoError && outageLabels.some((label) => error.hasErrorLabel(label));
}
