// The `api_keys` collection's name and index, created by the service that serves keys (the gateway).
import { createIndexesOneByOne } from '@conveyor/store';
import type { Db, IndexDescription } from 'mongodb';

export const apiKeysCollection = 'api_keys';

const apiKeyIndexes: IndexDescription[] = [{ key: { tenantId: 1, createdAt: 1 }, name: 'tenant_created' }];

/** Idempotent. */
export async function ensureApiKeyIndexes(store: { readonly db: Db }): Promise<void> {
  await createIndexesOneByOne(store.db, apiKeysCollection, apiKeyIndexes);
}
