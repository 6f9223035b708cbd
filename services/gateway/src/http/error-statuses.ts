// The one place where error codes become HTTP statuses. Codes are the stable `code` of the typed
// errors (ours, the libraries', Fastify's); anything unknown is a 500.
import { ConveyorError } from '@conveyor/contracts';
import { RemoteError } from '@conveyor/bus';

const statusByCode: Readonly<Record<string, number>> = {
  // The request is wrong.
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  API_KEY_INVALID: 401,
  API_KEY_REVOKED: 401,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  IDEMPOTENCY_KEY_REUSED: 409,
  ORDER_ID_CONFLICT: 409,
  SCHEDULE_NAME_TAKEN: 409,
  BUS_PAYLOAD_TOO_LARGE: 413,
  BODY_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  AUTHENTICATION_RATE_LIMITED: 429,
  // Fastify's own request errors.
  FST_ERR_CTP_EMPTY_JSON_BODY: 400,
  FST_ERR_CTP_INVALID_JSON_BODY: 400,
  FST_ERR_CTP_BODY_TOO_LARGE: 413,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 415,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 400,
  // A dependency is down or busy: the client may try again.
  IDEMPOTENCY_KEY_CONTENDED: 503,
  STORE_UNREACHABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  EVENTS_UNAVAILABLE: 503,
  BUS_CLOSED: 503,
  BUS_UNROUTABLE: 503,
  BUS_PUBLISH_TIMEOUT: 503,
  BUS_PUBLISH_NACKED: 503,
  // A synchronous call to a worker got no answer in time.
  BUS_REQUEST_TIMEOUT: 504,
};

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
    const status = statusByCode[code] ?? fastifyStatusOf(error);
    if (status !== undefined) return { status, code };
  }
  return { status: 500, code: 'INTERNAL' };
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
