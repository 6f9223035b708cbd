// Every page and action needs the admin key, as a session cookie (the login form) or as
// `Authorization: Bearer <key>` (scripts). Health, readiness and metrics stay open for probes and
// scrapers. Without a session a browser's page request goes to the login form; anything else is a 401.
// A Bearer key counts as a login: a wrong one is charged to its address (login-failures.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenOriginError } from '../errors/forbidden-origin-error.ts';
import { adminKeyMatches, bearerKey } from './admin-key.ts';
import type { LoginFailures } from './login-failures.ts';
import { hasValidSession } from './session-cookie.ts';

const publicPaths: ReadonlySet<string> = new Set(['/login', '/healthz', '/readyz', '/metrics']);

export function installAdminAuth(app: FastifyInstance, adminKey: string, failures: LoginFailures): void {
  app.addHook('onRequest', async (request, reply) => {
    if (publicPaths.has(pathOf(request.url))) return;
    const bearer = bearerKey(request.headers.authorization);
    if (bearer !== undefined) {
      failures.check(request.ip);
      if (adminKeyMatches(bearer, adminKey)) return;
      failures.record(request.ip);
    }
    if (bearer === undefined && hasValidSession(request.headers.cookie, adminKey, new Date())) {
      // SameSite=Strict already keeps the cookie off other sites' forms; a foreign Origin is refused too.
      if (request.method !== 'GET' && !sameOrigin(request))
        throw new ForbiddenOriginError(request.headers.origin ?? '');
      return;
    }
    if (request.method === 'GET' && acceptsHtml(request) && bearer === undefined) {
      return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    }
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="conveyor-dashboard"')
      .type('text/plain; charset=utf-8')
      .send(bearer === undefined ? 'log in first: the admin key is required\n' : 'wrong admin key\n');
  });
}

export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    // An Origin header that is not a URL cannot be ours.
    return false;
  }
}
