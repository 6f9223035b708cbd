import { PermanentError } from '@conveyor/contracts';
import { ApiKeysErrorCode } from '../api-keys-error-codes.ts';

/** Tenant ids are lowercase letters, digits and '-' (the `tenantId` schema of @conveyor/contracts). */
export class InvalidTenantIdError extends PermanentError {
  constructor(tenantId: string) {
    super(
      ApiKeysErrorCode.invalidTenantId,
      `'${tenantId}' is not a tenant id: lowercase letters, digits and -, at most 64`,
    );
  }
}
