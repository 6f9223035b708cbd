import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature, webhookSignature } from './webhook-signature.ts';

describe('webhook signature', () => {
  const body = '{"id":"webhook:o-1:shipped","type":"order.shipped.v1"}';

  it('is sha256= and the hex HMAC of the raw body with the secret', () => {
    const expected = createHmac('sha256', 'secret-1').update(body).digest('hex');
    expect(webhookSignature(body, 'secret-1')).toBe(`sha256=${expected}`);
  });

  it('verifies a signature made with the same secret only', () => {
    const signature = webhookSignature(body, 'secret-1');
    expect(verifyWebhookSignature(body, 'secret-1', signature)).toBe(true);
    expect(verifyWebhookSignature(body, 'secret-2', signature)).toBe(false);
    expect(verifyWebhookSignature(`${body} `, 'secret-1', signature)).toBe(false);
    expect(verifyWebhookSignature(body, 'secret-1', undefined)).toBe(false);
    expect(verifyWebhookSignature(body, 'secret-1', 'sha256=short')).toBe(false);
  });
});
