// Tenants' webhook settings, read at most once per `ttlMs` per tenant: every order event asks for them,
// and they change rarely (a change takes effect within `ttlMs`). A failed read is not kept.
import type { FindTenantWebhook, WebhookEndpoint } from './tenant-webhook.ts';

export interface WebhookCacheOptions {
  ttlMs: number;
  /** Tenants kept at most; the least recently read goes first. */
  maxTenants?: number;
  clock?: () => number;
}

export function cachedTenantWebhooks(
  find: FindTenantWebhook,
  options: WebhookCacheOptions,
): FindTenantWebhook {
  const { ttlMs, maxTenants = 10_000, clock = Date.now } = options;
  if (ttlMs <= 0) return find;
  const cached = new Map<string, { until: number; read: Promise<WebhookEndpoint | undefined> }>();
  return (tenantId) => {
    const now = clock();
    const hit = cached.get(tenantId);
    if (hit !== undefined && hit.until > now) return hit.read;
    cached.delete(tenantId);
    const read = find(tenantId);
    // Concurrent events of one tenant share the read in flight; a failure is thrown to each, not kept.
    read.catch(() => {
      if (cached.get(tenantId)?.read === read) cached.delete(tenantId);
    });
    cached.set(tenantId, { until: now + ttlMs, read });
    if (cached.size > maxTenants) {
      const oldest = cached.keys().next();
      if (oldest.done !== true) cached.delete(oldest.value);
    }
    return read;
  };
}
