import { PermanentError } from '@conveyor/contracts';

/** Tenant ids are lowercase letters, digits and '-' (the `tenantId` schema of @conveyor/contracts). */
export class InvalidTenantIdError extends PermanentError {
  constructor(tenantId: string) {
    super(
      'INVALID_TENANT_ID',
      `'${tenantId}' is not a tenant id: lowercase letters, digits and -, at most 64`,
    );
  }
}
