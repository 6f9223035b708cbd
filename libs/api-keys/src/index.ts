// @conveyor/api-keys: the gateway's API keys — their format, hashing, and the `api_keys` collection
// (create, provision, list, revoke, verify). The gateway verifies keys; the CLI manages them.
export {
  apiKeyPattern,
  apiKeyPrefix,
  generateApiKey,
  hashApiKey,
  parseApiKey,
  type ParsedApiKey,
} from './api-key.ts';
export { apiKeysCollection, ensureApiKeyIndexes } from './api-key-indexes.ts';
export {
  createApiKeyStore,
  type ApiKeyCheck,
  type ApiKeyInfo,
  type ApiKeyProvisioning,
  type ApiKeyStore,
} from './api-key-store.ts';
export { ApiKeysErrorCode } from './api-keys-error-codes.ts';
export { ApiKeyIdTakenError } from './errors/api-key-id-taken-error.ts';
export { InvalidTenantIdError } from './errors/invalid-tenant-id-error.ts';
