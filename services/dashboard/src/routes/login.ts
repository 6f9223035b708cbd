// /login (the form, and the key posted to it) and /logout. A good key sets the session cookie and
// goes on to the page first asked for; a wrong one is a 401 with the form again.
import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { adminKeyMatches } from '../auth/admin-key.ts';
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

/** Only a path of this site: never another origin ("//evil.example", "/\\evil.example"). */
export function safeNext(next: string | undefined): string {
  if (next === undefined || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return '/queues';
  return next;
}

export function loginRoutes(session: SessionSettings): FastifyPluginCallback {
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
      if (!adminKeyMatches(form.key, session.adminKey)) {
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
