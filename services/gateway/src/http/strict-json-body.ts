// The JSON body parser of every route: plain JSON.parse (which keeps `__proto__` as an own key, never a
// prototype), then unsafe keys (unsafe-keys.ts) are a 400 naming them, before any schema sees the body.
// Fastify's own parser would refuse `__proto__` too, but without saying where it was.
import type { FastifyInstance } from 'fastify';
import { MalformedJsonError } from '../errors/malformed-json-error.ts';
import { RequestValidationError } from '../errors/request-validation-error.ts';
import { unsafeKeyIssues } from './unsafe-keys.ts';

export function installStrictJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    try {
      done(null, parseBody(typeof text === 'string' ? text : text.toString('utf8')));
    } catch (error) {
      done(error instanceof Error ? error : new MalformedJsonError('invalid'), undefined);
    }
  });
}

function parseBody(text: string): unknown {
  if (text.trim() === '') throw new MalformedJsonError('empty');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new MalformedJsonError('invalid');
  }
  const issues = unsafeKeyIssues(body);
  if (issues.length > 0) throw new RequestValidationError(issues);
  return body;
}
