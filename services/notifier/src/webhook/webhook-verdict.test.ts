import { describe, expect, it } from 'vitest';
import { webhookVerdict } from './webhook-verdict.ts';

describe('webhookVerdict', () => {
  it('counts every 2xx as delivered', () => {
    expect([200, 201, 202, 204, 299].map(webhookVerdict)).toEqual(Array(5).fill('delivered'));
  });

  it('retries server errors and the client errors that mean "later"', () => {
    expect([500, 502, 503, 504, 408, 425, 429].map(webhookVerdict)).toEqual(Array(7).fill('retry'));
  });

  it('rejects other client errors and redirects for good', () => {
    expect([400, 401, 403, 404, 410, 422, 301, 302, 307].map(webhookVerdict)).toEqual(
      Array(9).fill('reject'),
    );
  });
});
