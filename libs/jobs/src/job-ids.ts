// Job ids: random for a job without an Idempotency-Key; derived from (tenant, key) with one, so every
// producer that repeats a key (the gateway, a trusted producer on the bus) names the same job.
import { createHash, randomUUID } from 'node:crypto';

export function newJobId(): string {
  return `job_${randomUUID().replaceAll('-', '')}`;
}

/** The tenant is part of the hash: two tenants using the same key get two jobs. */
export function jobIdForKey(tenantId: string, idempotencyKey: string): string {
  return `job_${createHash('sha256').update(`${tenantId}\u001f${idempotencyKey}`).digest('hex').slice(0, 32)}`;
}
