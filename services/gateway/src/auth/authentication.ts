// Every /v1 request acts for the tenant of its API key. The hook is the scope's first: it runs before
// the body is read and before any parameter is validated, so a request without a valid key costs one
// indexed read and is answered 401 whatever else is wrong with it. A client that keeps presenting wrong
// keys is answered 429 (failed-authentications.ts) before any look-up. After it, the key's token bucket
// is charged (429 with Retry-After when empty), and the request's logger names the key id and tenant.
// Routes read the caller with tenantOf(request); an X-Tenant-Id header, if still sent, must agree.
import type { TokenBuckets } from '@conveyor/rate-limit';
import type { ApiKeyStore } from '@conveyor/api-keys';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RateLimitedError } from '../errors/rate-limited-error.ts';
import { RequestValidationError } from '../errors/request-validation-error.ts';
import { TooManyFailedAuthenticationsError } from '../errors/too-many-failed-authentications-error.ts';
import { UnauthenticatedError } from '../errors/unauthenticated-error.ts';
import type { FailedAuthentications } from './failed-authentications.ts';
import { missingKeyMessage, presentedKey } from './presented-key.ts';

export interface Caller {
  tenantId: string;
  /** The API key's id (not secret). */
  keyId: string;
}

const callers = new WeakMap<FastifyRequest, Caller>();

/** The tenant the request acts for. Only routes behind installAuthentication have one. */
export function tenantOf(request: FastifyRequest): string {
  return callerOf(request).tenantId;
}

export function callerOf(request: FastifyRequest): Caller {
  const caller = callers.get(request);
  if (caller === undefined)
    throw new TypeError(`no authenticated caller for ${request.method} ${request.url}`);
  return caller;
}

export interface AuthenticationOptions {
  apiKeys: ApiKeyStore;
  buckets: TokenBuckets;
  failures: FailedAuthentications;
}

/** Installs authentication and rate limiting on every route of `scope` (an encapsulated plugin). */
export function installAuthentication(scope: FastifyInstance, options: AuthenticationOptions): void {
  scope.addHook('onRequest', async (request, reply) => {
    const caller = await authenticate(request, options);
    callers.set(request, caller);
    const log = request.log.child({ tenantId: caller.tenantId, keyId: caller.keyId });
    request.log = log;
    reply.log = log;
    const waitSeconds = options.buckets.take(caller.keyId);
    if (waitSeconds > 0) throw new RateLimitedError(caller.keyId, waitSeconds);
    checkTenantHeader(request, caller);
  });
}

/** The caller of a request, or an UnauthenticatedError / TooManyFailedAuthenticationsError. */
export async function authenticate(request: FastifyRequest, options: AuthenticationOptions): Promise<Caller> {
  const { apiKeys, failures } = options;
  let key: string | undefined;
  try {
    key = presentedKey(request.headers);
  } catch (error) {
    // A garbled Authorization header is a failed attempt too (no key id to charge).
    throw failed(request, failures, '', error);
  }
  if (key === undefined) throw new UnauthenticatedError('missing', missingKeyMessage);
  const waitSeconds = failures.waitSeconds(request.ip, key);
  if (waitSeconds > 0) throw new TooManyFailedAuthenticationsError(waitSeconds);
  try {
    return await verified(apiKeys, key);
  } catch (error) {
    throw failed(request, failures, key, error);
  }
}

function failed(
  request: FastifyRequest,
  failures: FailedAuthentications,
  key: string,
  error: unknown,
): unknown {
  if (error instanceof UnauthenticatedError) failures.record(request.ip, key);
  return error;
}

async function verified(apiKeys: ApiKeyStore, key: string): Promise<Caller> {
  const check = await apiKeys.verify(key);
  if (check.valid) return { tenantId: check.key.tenantId, keyId: check.key.id };
  if (check.reason === 'revoked') throw new UnauthenticatedError('revoked', 'the API key was revoked');
  if (check.reason === 'malformed')
    throw new UnauthenticatedError('invalid', 'the API key is malformed: expected cvk_<id>_<secret>');
  throw new UnauthenticatedError('invalid', 'the API key is not valid');
}

/** Clients from before API keys may still send X-Tenant-Id; acting for another tenant than asked would be wrong. */
function checkTenantHeader(request: FastifyRequest, caller: Caller): void {
  const asked = request.headers['x-tenant-id'];
  if (asked === undefined || asked === caller.tenantId) return;
  throw new RequestValidationError([
    {
      location: 'headers',
      field: 'x-tenant-id',
      code: 'tenant_mismatch',
      message: `the API key acts for tenant ${caller.tenantId}; drop this header or use that tenant's key`,
    },
  ]);
}
