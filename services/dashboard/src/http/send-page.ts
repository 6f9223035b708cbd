// Every HTML answer goes out here, with headers that keep the pages to themselves: a Content-Security-
// Policy that allows only this response's own inline script and style (by nonce) and connections to
// this origin (the SSE stream), no framing, no caching of operator data.
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pathOf } from '../auth/require-admin.ts';
import type { Html } from '../views/html.ts';

export interface PageContext {
  /** Allows this response's inline <script> and <style>, and nothing else inline. */
  readonly nonce: string;
  /** The path asked for, to mark the current section in the navigation. */
  readonly path: string;
}

export function pageContext(request: FastifyRequest): PageContext {
  return { nonce: randomBytes(16).toString('base64'), path: pathOf(request.url) };
}

export function sendPage(reply: FastifyReply, context: PageContext, page: Html, status = 200): FastifyReply {
  return reply
    .code(status)
    .header(
      'content-security-policy',
      [
        "default-src 'none'",
        `script-src 'nonce-${context.nonce}'`,
        `style-src 'nonce-${context.nonce}'`,
        "connect-src 'self'",
        "img-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
      ].join('; '),
    )
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .type('text/html; charset=utf-8')
    .send(String(page));
}
