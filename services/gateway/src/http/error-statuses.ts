// The one place where error codes become HTTP statuses. Codes are the stable `code` of the typed
// errors: the catalogues of the libraries the gateway uses and its own (each code with its verdict),
// plus Fastify's. The rule:
// - a code listed below answers its status;
// - any other code of a catalogue answers by its verdict: retryable → 503 (try again later), permanent →
//   500 INTERNAL (the server cannot do it; every code that is the caller's fault is listed);
// - a code of no catalogue (or no code) is a 500 INTERNAL: nothing unknown leaks to the caller.
import { ApiKeysErrorCode } from '@conveyor/api-keys';
import { BusErrorCode, RemoteError } from '@conveyor/bus';
import { ConfigErrorCode } from '@conveyor/config';
import { ConveyorError, ContractsErrorCode, errorCodeVerdicts, type ErrorVerdict } from '@conveyor/contracts';
import { EventsErrorCode } from '@conveyor/events';
import { JobsErrorCode } from '@conveyor/jobs';
import { OrdersErrorCode } from '@conveyor/orders';
import { StoreErrorCode } from '@conveyor/store';
import { TelemetryErrorCode } from '@conveyor/telemetry';
import { GatewayErrorCode } from '../errors/gateway-error-codes.ts';

const statusByCode: ReadonlyMap<string, number> = new Map([
  // The request is wrong.
  [GatewayErrorCode.validationFailed, 400],
  [GatewayErrorCode.malformedJson, 400],
  [ApiKeysErrorCode.invalidTenantId, 400],
  [GatewayErrorCode.unauthenticated, 401],
  [GatewayErrorCode.apiKeyInvalid, 401],
  [GatewayErrorCode.apiKeyRevoked, 401],
  [ContractsErrorCode.notFound, 404],
  [GatewayErrorCode.routeNotFound, 404],
  [GatewayErrorCode.idempotencyKeyReused, 409],
  [OrdersErrorCode.orderIdConflict, 409],
  [GatewayErrorCode.scheduleNameTaken, 409],
  [JobsErrorCode.jobFinished, 409],
  [JobsErrorCode.jobNotRetryable, 409],
  [JobsErrorCode.invalidCursor, 400],
  [JobsErrorCode.unknownJobType, 422],
  [JobsErrorCode.invalidJobPayload, 422],
  [BusErrorCode.payloadTooLarge, 413],
  [GatewayErrorCode.bodyTooLarge, 413],
  [JobsErrorCode.messageTooLarge, 413],
  [GatewayErrorCode.rateLimited, 429],
  [GatewayErrorCode.authenticationRateLimited, 429],
  // Fastify's own request errors.
  ['FST_ERR_CTP_EMPTY_JSON_BODY', 400],
  ['FST_ERR_CTP_INVALID_JSON_BODY', 400],
  ['FST_ERR_CTP_BODY_TOO_LARGE', 413],
  ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415],
  ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400],
  // A dependency is down or busy: the client may try again (the bus's other retryable codes, e.g. a
  // full publish backlog, answer 503 by their verdict).
  [ContractsErrorCode.idempotencyKeyContended, 503],
  [BusErrorCode.closed, 503],
  [BusErrorCode.unroutable, 503],
  [BusErrorCode.publishTimeout, 503],
  [BusErrorCode.publishNacked, 503],
  // A synchronous call to a worker got no answer in time.
  [BusErrorCode.requestTimeout, 504],
  [GatewayErrorCode.internal, 500],
]);

/** The verdict of every catalogued code the gateway can meet. */
const catalogued: ReadonlyMap<string, ErrorVerdict> = new Map(
  [
    ContractsErrorCode,
    ConfigErrorCode,
    TelemetryErrorCode,
    StoreErrorCode,
    EventsErrorCode,
    ApiKeysErrorCode,
    BusErrorCode,
    OrdersErrorCode,
    JobsErrorCode,
    GatewayErrorCode,
  ].flatMap((catalogue) => [...errorCodeVerdicts(catalogue)]),
);

/** The default rule for a catalogued code that is not listed. */
const statusByVerdict: Readonly<Record<ErrorVerdict, number>> = { retryable: 503, permanent: 500 };

/** The status of a catalogued code (any package's): listed, else by its verdict. */
export function httpStatusOfCode(code: string, verdict: ErrorVerdict): number {
  return statusByCode.get(code) ?? statusByVerdict[verdict];
}

/** Code of an error a remote responder raised (its own code travels back): the worker failed, not us. */
const remoteFailureStatus = 502;

export interface HttpFailure {
  status: number;
  code: string;
}

export function httpFailureOf(error: unknown): HttpFailure {
  if (error instanceof RemoteError) return { status: remoteFailureStatus, code: error.code };
  const code = codeOf(error);
  if (code !== undefined) {
    const verdict = catalogued.get(code);
    const status =
      verdict === undefined
        ? (statusByCode.get(code) ?? fastifyStatusOf(error))
        : httpStatusOfCode(code, verdict);
    // A 500 names no code but INTERNAL: the caller can do nothing with a server-side failure's code.
    if (status !== undefined && status !== 500) return { status, code };
  }
  return { status: 500, code: GatewayErrorCode.internal };
}

function codeOf(error: unknown): string | undefined {
  if (error instanceof ConveyorError) return error.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** Fastify errors not listed above still carry their intended 4xx status. */
function fastifyStatusOf(error: unknown): number | undefined {
  if (!(error instanceof Error) || !('statusCode' in error) || typeof error.statusCode !== 'number')
    return undefined;
  return error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : undefined;
}
