// Tenancy for now: the `X-Tenant-Id` header, 'default' when absent (API keys replace it later). Every
// /v1 route's header schema extends this one, so a malformed tenant is a 400 naming the header.
import { tenantId } from '@conveyor/contracts';
import { z } from 'zod';

export const defaultTenant = 'default';

/** Loose: requests carry many other headers, and validation must not strip them. */
export const tenantHeaders = z.looseObject({
  'x-tenant-id': tenantId
    .default(defaultTenant)
    .describe('Tenant the request acts for (default: "default").'),
});
