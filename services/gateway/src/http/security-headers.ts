// Security headers on every response, errors and SSE streams included: they are set on the raw response
// when the request arrives, so whatever writes the head later (Fastify's send, a hijacked SSE stream)
// merges them in. The API answers JSON only, so its policy allows nothing to load or frame it and no
// cache to keep it; the OpenAPI UI under /docs gets a policy that lets its own scripts and styles run.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface SecurityHeaderOptions {
  /** Strict-Transport-Security max-age; 0 sends none (the gateway is usually behind a TLS proxy). */
  hstsMaxAgeSeconds: number;
}

const common = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
} as const;

const api = {
  ...common,
  'content-security-policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'cache-control': 'no-store',
} as const;

const docs = {
  ...common,
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
} as const;

export function installSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  app.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders(request, reply, options);
    done();
  });
}

/** For answers sent before any hook runs (framework-errors.ts). */
export function setSecurityHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  options: SecurityHeaderOptions,
): void {
  const hsts: Record<string, string> =
    options.hstsMaxAgeSeconds > 0
      ? { 'strict-transport-security': `max-age=${options.hstsMaxAgeSeconds}; includeSubDomains` }
      : {};
  const headers = isDocs(request.url) ? docs : api;
  for (const [name, value] of Object.entries({ ...headers, ...hsts })) reply.raw.setHeader(name, value);
}

function isDocs(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?');
}
