import { describe, expect, it } from 'vitest';
import { verifyWebhook, webhookSignature, webhookSignatureHeader } from './webhook-signature.ts';

// The Standard Webhooks reference libraries' own test vector.
const vector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  content: {
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestampSeconds: 1614265330,
    rawBody: '{"test": 2432232314}',
  },
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const otherSecret = 'whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24tdGVzdHM=';

describe('webhook signature (Standard Webhooks)', () => {
  it('matches the Standard Webhooks test vector', () => {
    expect(webhookSignature(vector.content, vector.secret)).toBe(vector.signature);
  });

  it('signs with every active secret during a rotation, space-separated', () => {
    const header = webhookSignatureHeader(vector.content, [vector.secret, otherSecret]);

    expect(header.split(' ')).toEqual([vector.signature, webhookSignature(vector.content, otherSecret)]);
  });

  it('verifies with any one known secret, within the tolerance, and only the signed bytes', () => {
    const headers = {
      'webhook-id': vector.content.id,
      'webhook-timestamp': String(vector.content.timestampSeconds),
      'webhook-signature': webhookSignatureHeader(vector.content, [otherSecret, vector.secret]),
    };
    const now = vector.content.timestampSeconds + 60;
    const rawBody = vector.content.rawBody;

    expect(verifyWebhook({ rawBody, headers }, [vector.secret], now)).toBe(true);
    expect(verifyWebhook({ rawBody: `${rawBody} `, headers }, [vector.secret], now)).toBe(false);
    expect(
      verifyWebhook({ rawBody, headers: { ...headers, 'webhook-id': 'msg_other' } }, [vector.secret], now),
    ).toBe(false);
    expect(
      verifyWebhook({ rawBody, headers }, ['whsec_d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZw=='], now),
    ).toBe(false);
    expect(verifyWebhook({ rawBody, headers }, [vector.secret], now + 600)).toBe(false);
  });
});
