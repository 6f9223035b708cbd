import { describe, expect, it } from 'vitest';
import { PublishBacklogFullError, RemoteError, RequestTimeoutError, UnroutableError } from '@conveyor/bus';
import { PermanentError, RetryableError } from '@conveyor/contracts';
import { DatabaseUnavailableError, StoreErrorCode } from '@conveyor/store';
import { MongoNetworkError } from 'mongodb';
import { BodyTooLargeError } from '../errors/body-too-large-error.ts';
import { MalformedJsonError } from '../errors/malformed-json-error.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { RateLimitedError } from '../errors/rate-limited-error.ts';
import { RequestValidationError } from '../errors/request-validation-error.ts';
import { UnauthenticatedError } from '../errors/unauthenticated-error.ts';
import { httpFailureOf } from './error-statuses.ts';

describe('error statuses', () => {
  it('maps the gateway errors to client statuses', () => {
    expect(httpFailureOf(new RequestValidationError([]))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(httpFailureOf(new NotFoundError('order', 'o1'))).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('maps authentication, rate limit and body errors to 401, 429, 413 and 400', () => {
    for (const [reason, code] of [
      ['missing', 'UNAUTHENTICATED'],
      ['invalid', 'API_KEY_INVALID'],
      ['revoked', 'API_KEY_REVOKED'],
    ] as const) {
      expect(httpFailureOf(new UnauthenticatedError(reason, 'no'))).toEqual({ status: 401, code });
    }
    expect(httpFailureOf(new RateLimitedError('k', 3))).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(httpFailureOf(new BodyTooLargeError(10))).toEqual({ status: 413, code: 'BODY_TOO_LARGE' });
    expect(httpFailureOf(new MalformedJsonError('invalid'))).toEqual({ status: 400, code: 'MALFORMED_JSON' });
  });

  it('answers 504 when a worker did not reply in time and 503 when none is bound', () => {
    expect(httpFailureOf(new RequestTimeoutError('quote.requested.v1', 100)).status).toBe(504);
    expect(
      httpFailureOf(new UnroutableError('conveyor.events', 'quote.requested.v1', 'NO_ROUTE')).status,
    ).toBe(503);
  });

  it('answers 503 with the code when the bus refuses a publish because its backlog is full', () => {
    expect(httpFailureOf(new PublishBacklogFullError(10))).toEqual({
      status: 503,
      code: 'BUS_PUBLISH_BACKLOG_FULL',
    });
  });

  it('answers 503 DATABASE_UNAVAILABLE when MongoDB is unreachable', () => {
    const unavailable = new DatabaseUnavailableError(new MongoNetworkError('connection closed'));
    expect(httpFailureOf(unavailable)).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
  });

  it("answers 502 with the remote worker's own code", () => {
    const remote = new RemoteError({ code: 'UNKNOWN_SKU', message: 'no such sku', retryable: false });
    expect(httpFailureOf(remote)).toEqual({ status: 502, code: 'UNKNOWN_SKU' });
  });

  it('answers a catalogued retryable code it does not list by its verdict: 503 with the code', () => {
    const unconfirmed = new RetryableError(StoreErrorCode.insertUnconfirmed, 'not confirmed');
    expect(httpFailureOf(unconfirmed)).toEqual({ status: 503, code: 'STORE_INSERT_UNCONFIRMED' });
  });

  it('answers a catalogued permanent code it does not list with 500 INTERNAL', () => {
    const invalid = new PermanentError(StoreErrorCode.deadLetterInvalid, 'bad letter');
    expect(httpFailureOf(invalid)).toEqual({ status: 500, code: 'INTERNAL' });
  });

  it('keeps the 4xx status of a Fastify error it does not list', () => {
    const error = Object.assign(new Error('too many'), { code: 'FST_ERR_SOMETHING_NEW', statusCode: 429 });
    expect(httpFailureOf(error)).toEqual({ status: 429, code: 'FST_ERR_SOMETHING_NEW' });
  });

  it('answers 500 INTERNAL for anything unknown, whatever its code', () => {
    expect(httpFailureOf(new Error('boom'))).toEqual({ status: 500, code: 'INTERNAL' });
    expect(httpFailureOf(new PermanentError('SOMETHING_ELSE', 'x'))).toEqual({
      status: 500,
      code: 'INTERNAL',
    });
    expect(httpFailureOf(new RetryableError('ALSO_UNKNOWN', 'x'))).toEqual({ status: 500, code: 'INTERNAL' });
    expect(httpFailureOf('not even an error')).toEqual({ status: 500, code: 'INTERNAL' });
  });
});
