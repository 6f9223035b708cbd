// Where a caller puts its API key: `Authorization: Bearer <key>` (the usual way) or `X-Api-Key: <key>`
// (for clients that cannot set Authorization). Giving two different keys is refused rather than
// guessing which one was meant.
import type { IncomingHttpHeaders } from 'node:http';
import { UnauthenticatedError } from '../errors/unauthenticated-error.ts';

export const missingKeyMessage =
  "an API key is required: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'";

/** The key the request presents, or undefined when it presents none. */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const bearer = bearerToken(headers.authorization);
  const header = single(headers['x-api-key'])?.trim();
  if (bearer !== undefined && header !== undefined && bearer !== header)
    throw new UnauthenticatedError('invalid', 'two different API keys were sent; send one');
  return bearer ?? (header === '' ? undefined : header);
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (match?.[1] === undefined)
    throw new UnauthenticatedError('invalid', "the Authorization header must be 'Bearer <key>'");
  return match[1];
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
