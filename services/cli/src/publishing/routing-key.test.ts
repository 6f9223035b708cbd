import { describe, expect, it } from 'vitest';
import { routingKeyOf } from './routing-key.ts';

describe('the routing key of a published message', () => {
  it('is the type for most messages', () => {
    expect(routingKeyOf('order.placed.v1', { orderId: 'o' })).toBe('order.placed.v1');
  });

  it('adds the job type to a job.requested.v1, so that the type’s queue gets it', () => {
    const body = { jobId: 'j1', tenantId: 'default', jobType: 'report.daily', payload: {} };
    expect(routingKeyOf('job.requested.v1', body)).toBe('job.requested.v1.report.daily');
  });
});
