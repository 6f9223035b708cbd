// /login (the form, and the key posted to it) and /logout. A good key sets the session cookie and
// goes on to the page first asked for; a wrong one is a 401 with the form again. Too many wrong keys
// from one address and it is a 429 page, before the key is compared (login-failures.ts).
import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { adminKeyMatches } from '../auth/admin-key.ts';
import type { LoginFailures } from '../auth/login-failures.ts';
import {
  hasValidSession,
  sessionClearCookie,
  sessionSetCookie,
  type SessionSettings,
} from '../auth/session-cookie.ts';
import { parseFields } from '../http/parse-fields.ts';
import { pageContext, sendPage } from '../http/send-page.ts';
import { loginPage } from '../views/login-page.ts';

const loginQuery = z.object({ next: z.string().max(2_000).optional() });
const loginForm = z.object({
  key: z.string({ message: 'is required' }).max(1_000),
  next: z.string().max(2_000).optional(),
});

/** Stands for the dashboard's own origin while `next` is resolved the way a browser resolves it. */
const ownOrigin = 'http://dashboard.invalid';
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacter = /[\u0000-\u001f\u007f]/;

/**
 * Only a path of this site. `next` is resolved as a browser would (which drops tabs and newlines and
 * reads `\\` as `/`, so "/\t/evil.example" is "//evil.example"): anything with a control character or
 * resolving to another origin gives the default page.
 */
export function safeNext(next: string | undefined): string {
  const fallback = '/queues';
  if (next === undefined || !next.startsWith('/') || controlCharacter.test(next)) return fallback;
  const resolved = URL.parse(next, ownOrigin);
  if (resolved?.origin !== ownOrigin) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

export function loginRoutes(session: SessionSettings, failures: LoginFailures): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get('/login', (request, reply) => {
      const next = safeNext(parseFields(loginQuery, request.query).next);
      if (hasValidSession(request.headers.cookie, session.adminKey, new Date()))
        return reply.redirect(next, 303);
      const context = pageContext(request);
      return sendPage(reply, context, loginPage(context, next));
    });

    app.post('/login', (request, reply) => {
      const form = parseFields(loginForm, request.body);
      const next = safeNext(form.next);
      failures.check(request.ip);
      if (!adminKeyMatches(form.key, session.adminKey)) {
        failures.record(request.ip);
        request.log.warn({ ip: request.ip }, 'dashboard login with a wrong key');
        const context = pageContext(request);
        return sendPage(reply, context, loginPage(context, next, { kind: 'error', text: 'Wrong key.' }), 401);
      }
      return reply.header('set-cookie', sessionSetCookie(session, new Date())).redirect(next, 303);
    });

    app.post('/logout', (_request, reply) =>
      reply.header('set-cookie', sessionClearCookie(session)).redirect('/login', 303),
    );
    done();
  };
}
