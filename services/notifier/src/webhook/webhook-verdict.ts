// What a webhook endpoint's HTTP status means for the delivery.

export type WebhookVerdict = 'delivered' | 'retry' | 'reject';

// Client errors that say "later", not "never".
const retryableClientStatuses: ReadonlySet<number> = new Set([408, 425, 429]);

export function webhookVerdict(status: number): WebhookVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 500 || retryableClientStatuses.has(status)) return 'retry';
  // 4xx, and 3xx: redirects are not followed (a POST must not turn into a GET elsewhere).
  return 'reject';
}
