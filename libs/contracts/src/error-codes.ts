// Every library and service keeps its stable error codes in one catalogue, each code with its verdict:
// retryable (a later try may succeed) or permanent. Errors are thrown with `Catalogue.name`; the gateway
// maps codes to HTTP statuses and a test checks that every catalogued code has a status and a verdict.

export type ErrorVerdict = 'retryable' | 'permanent';

/** `{ name: code }` as constants; the verdicts are kept beside it (see `errorCodeVerdicts`). */
export type ErrorCodes<T extends Record<string, readonly [string, ErrorVerdict]>> = {
  readonly [K in keyof T]: T[K][0];
};

const verdicts = new WeakMap<object, ReadonlyMap<string, ErrorVerdict>>();

/**
 * `defineErrorCodes({ orderNotFound: ['ORDER_NOT_FOUND', 'retryable'] })` → `{ orderNotFound:
 * 'ORDER_NOT_FOUND' }`, frozen, with its verdicts readable through `errorCodeVerdicts`.
 */
export function defineErrorCodes<const T extends Record<string, readonly [string, ErrorVerdict]>>(
  entries: T,
): ErrorCodes<T> {
  const codes: Record<string, string> = {};
  const byCode = new Map<string, ErrorVerdict>();
  for (const [name, [code, verdict]] of Object.entries(entries)) {
    codes[name] = code;
    byCode.set(code, verdict);
  }
  const catalogue = Object.freeze(codes) as ErrorCodes<T>;
  verdicts.set(catalogue, byCode);
  return catalogue;
}

/** Code → verdict for a catalogue made by `defineErrorCodes`; empty for anything else. */
export function errorCodeVerdicts(catalogue: object): ReadonlyMap<string, ErrorVerdict> {
  return verdicts.get(catalogue) ?? new Map();
}

/** The type of a catalogue's codes: `type OrdersErrorCode = ErrorCodeOf<typeof OrdersErrorCode>`. */
export type ErrorCodeOf<C> = C[keyof C];

/** Codes every package may use: `unexpected` is what `errorCode()` gives a throwable that is not a
 * ConveyorError (retried: see isRetryable). */
export const ContractsErrorCode = defineErrorCodes({
  unexpected: ['UNEXPECTED', 'retryable'],
  /**
   * A resource the caller named does not exist (or is another tenant's). Shared because it crosses the
   * wire: the gateway, the dashboard and the health server answer it, the CLI reads it.
   */
  notFound: ['NOT_FOUND', 'permanent'],
  /**
   * An Idempotency-Key's record changed while being read (only retention deletes one): try again.
   * Shared by every resource created under a key (orders, jobs), none of which depends on another.
   */
  idempotencyKeyContended: ['IDEMPOTENCY_KEY_CONTENDED', 'retryable'],
  /**
   * A message id already done with another payload. Shared by the inbox port's two sides: the store
   * that records it and the bus that batches its done marks.
   */
  inboxReusedId: ['INBOX_REUSED_ID', 'permanent'],
});
