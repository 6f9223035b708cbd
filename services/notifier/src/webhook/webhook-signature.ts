// How a webhook proves where it came from, the Standard Webhooks way (standardwebhooks.com): the
// signed content is `<webhook-id>.<webhook-timestamp>.<raw body>`, so a captured request cannot be
// replayed later with a new timestamp; the signature is the base64 HMAC-SHA256 of it, keyed with the
// base64-decoded part of a `whsec_<base64>` secret, sent as `v1,<base64>`. During a secret rotation a
// tenant has several secrets: the header carries one signature per secret, separated by spaces, and a
// receiver accepts the request if any one of them verifies with a secret it knows.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WebhookHeader = {
  /** Deterministic per event and channel (`webhook:<orderId>:<kind>`): receivers de-duplicate by it. */
  id: 'webhook-id',
  /** Unix seconds when this attempt was signed; covered by the signature. */
  timestamp: 'webhook-timestamp',
  /** `v1,<base64>` per secret, separated by spaces. */
  signature: 'webhook-signature',
} as const;

/** `whsec_` and the base64 of at least 24 random bytes. */
export const webhookSecretPattern = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;

/** Receivers refuse timestamps further than this from their clock (the spec's default). */
export const webhookToleranceSeconds = 5 * 60;

export interface SignedContent {
  id: string;
  timestampSeconds: number;
  rawBody: string;
}

/** `v1,<base64 HMAC-SHA256>` of `<id>.<timestamp>.<body>` with one `whsec_` secret. */
export function webhookSignature(content: SignedContent, secret: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${content.id}.${content.timestampSeconds}.${content.rawBody}`;
  return `v1,${createHmac('sha256', key).update(signed, 'utf8').digest('base64')}`;
}

/** The webhook-signature header: one signature per active secret. */
export function webhookSignatureHeader(content: SignedContent, secrets: readonly string[]): string {
  return secrets.map((secret) => webhookSignature(content, secret)).join(' ');
}

export interface ReceivedWebhook {
  rawBody: string;
  headers: Record<string, string | undefined>;
}

/** For receivers written against this package: true when a signature matches one of `secrets` in time. */
export function verifyWebhook(
  received: ReceivedWebhook,
  secrets: readonly string[],
  nowSeconds: number = Math.floor(Date.now() / 1000),
): boolean {
  const id = received.headers[WebhookHeader.id];
  const timestamp = Number(received.headers[WebhookHeader.timestamp]);
  const given = (received.headers[WebhookHeader.signature] ?? '').split(' ');
  if (id === undefined || !Number.isInteger(timestamp)) return false;
  if (Math.abs(nowSeconds - timestamp) > webhookToleranceSeconds) return false;
  return secrets.some((secret) => {
    const expected = Buffer.from(
      webhookSignature({ id, timestampSeconds: timestamp, rawBody: received.rawBody }, secret),
    );
    return given.some((signature) => {
      const candidate = Buffer.from(signature);
      return candidate.length === expected.length && timingSafeEqual(candidate, expected);
    });
  });
}
