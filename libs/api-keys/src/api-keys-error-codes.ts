// The API-keys library's stable error codes and their verdicts, in one place.
import { defineErrorCodes, type ErrorCodeOf } from '@conveyor/contracts';

export const ApiKeysErrorCode = defineErrorCodes({
  /** A key chosen elsewhere (the development key) has the id of another stored key. */
  apiKeyIdTaken: ['API_KEY_ID_TAKEN', 'permanent'],
  /** Not a tenant id (lowercase letters, digits and '-', at most 64). */
  invalidTenantId: ['INVALID_TENANT_ID', 'permanent'],
});

export type ApiKeysErrorCode = ErrorCodeOf<typeof ApiKeysErrorCode>;
