// How a webhook proves where it came from: an HMAC-SHA256 of the exact bytes of the body, keyed
// with the tenant's secret. Receivers recompute it over the raw body before parsing it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WebhookHeader = {
  /** Deterministic per event and channel (`webhook:<orderId>:<kind>`): receivers de-duplicate by it. */
  eventId: 'X-Conveyor-Event-Id',
  /** `sha256=<hex HMAC of the raw body>`. */
  signature: 'X-Conveyor-Signature',
  /** Unix seconds when this attempt was sent (not covered by the signature). */
  timestamp: 'X-Conveyor-Timestamp',
} as const;

export function webhookSignature(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** For receivers: compares in constant time. */
export function verifyWebhookSignature(rawBody: string, secret: string, header: string | undefined): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(webhookSignature(rawBody, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
