// The `api_keys` collection: one record per key, `_id` = the key's non-secret id, holding the tenant it
// acts for and the SHA-256 of the whole key (never the key). Keys are created (shown once), listed,
// revoked (kept, with `revokedAt`, so logs that name the id still resolve) and verified per request.
import { tenantId as tenantIdSchema } from '@conveyor/contracts';
import { isDuplicateKeyError } from '@conveyor/store';
import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { generateApiKey, hashApiKey, parseApiKey, sameApiKeyHash } from './api-key.ts';
import { apiKeysCollection } from './api-key-indexes.ts';
import { ApiKeyIdTakenError } from './errors/api-key-id-taken-error.ts';
import { InvalidTenantIdError } from './errors/invalid-tenant-id-error.ts';

const storedApiKeySchema = z.object({
  _id: z.string(),
  tenantId: z.string(),
  label: z.string(),
  /** Hex SHA-256 of the whole key. */
  hash: z.string(),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
});

type StoredApiKey = z.infer<typeof storedApiKeySchema>;

/** What may be shown of a key: everything but its hash. */
export interface ApiKeyInfo {
  id: string;
  tenantId: string;
  label: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export type ApiKeyCheck =
  | { valid: true; key: ApiKeyInfo }
  /** malformed: not `cvk_<id>_<secret>`; unknown: no such id or another secret; revoked: the right key, revoked. */
  | { valid: false; reason: 'malformed' | 'unknown' | 'revoked' };

export type ApiKeyProvisioning = 'created' | 'unchanged' | 'revoked';

export interface ApiKeyStore {
  /** A new random key for the tenant. The key itself is in the result only: it cannot be read back. */
  create(input: { tenantId: string; label?: string; now?: Date }): Promise<{ key: string; info: ApiKeyInfo }>;
  /**
   * Stores a key chosen elsewhere (the development key from the environment), idempotently. A key
   * revoked before stays revoked ('revoked'); an id already used by another key is ApiKeyIdTakenError.
   */
  provision(key: string, input: { tenantId: string; label: string; now?: Date }): Promise<ApiKeyProvisioning>;
  /** By tenant, then creation time; revoked keys only when asked for. */
  list(filter?: { tenantId?: string; includeRevoked?: boolean }): Promise<ApiKeyInfo[]>;
  get(id: string): Promise<ApiKeyInfo | null>;
  /** Null when there is no such key; `revokedNow` false when it was revoked before. */
  revoke(id: string, now?: Date): Promise<{ info: ApiKeyInfo; revokedNow: boolean } | null>;
  /** One read by id; the secret is compared as a hash in constant time. */
  verify(presented: string): Promise<ApiKeyCheck>;
}

/** More keys than an installation should have; the list is not paged. */
const listLimit = 10_000;

export function createApiKeyStore(store: { readonly db: Db }): ApiKeyStore {
  const keys: Collection<StoredApiKey> = store.db.collection<StoredApiKey>(apiKeysCollection);
  const read = async (id: string) => {
    const found = await keys.findOne({ _id: id });
    return found === null ? null : storedApiKeySchema.parse(found);
  };

  return {
    async create({ tenantId, label = '', now = new Date() }) {
      checkTenant(tenantId);
      for (;;) {
        const { id, key } = generateApiKey();
        const record: StoredApiKey = {
          _id: id,
          tenantId,
          label,
          hash: hashApiKey(key),
          createdAt: now,
          revokedAt: null,
        };
        try {
          await keys.insertOne(record);
          return { key, info: infoOf(record) };
        } catch (error) {
          // A 48-bit id collides about never; if it does, draw another.
          if (!isDuplicateKeyError(error)) throw error;
        }
      }
    },

    async provision(key, { tenantId, label, now = new Date() }) {
      checkTenant(tenantId);
      const parsed = parseApiKey(key);
      if (parsed === undefined) throw new TypeError('provision() needs a key of the form cvk_<id>_<secret>');
      const hash = hashApiKey(key);
      try {
        await keys.insertOne({ _id: parsed.id, tenantId, label, hash, createdAt: now, revokedAt: null });
        return 'created';
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const existing = await read(parsed.id);
      if (existing === null || !sameApiKeyHash(existing.hash, hash)) throw new ApiKeyIdTakenError(parsed.id);
      if (existing.revokedAt !== null) return 'revoked';
      if (existing.tenantId !== tenantId || existing.label !== label)
        await keys.updateOne({ _id: parsed.id }, { $set: { tenantId, label } });
      return 'unchanged';
    },

    async list({ tenantId, includeRevoked = false } = {}) {
      const filter = {
        ...(tenantId === undefined ? {} : { tenantId }),
        ...(includeRevoked ? {} : { revokedAt: null }),
      };
      const found = await keys.find(filter).sort({ tenantId: 1, createdAt: 1 }).limit(listLimit).toArray();
      return found.map((record) => infoOf(storedApiKeySchema.parse(record)));
    },

    async get(id) {
      const record = await read(id);
      return record === null ? null : infoOf(record);
    },

    async revoke(id, now = new Date()) {
      // Only the first revocation sets revokedAt: the filter makes a second one match nothing.
      const result = await keys.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: now } });
      const record = await read(id);
      return record === null ? null : { info: infoOf(record), revokedNow: result.modifiedCount === 1 };
    },

    async verify(presented) {
      const parsed = parseApiKey(presented);
      if (parsed === undefined) return { valid: false, reason: 'malformed' };
      const record = await read(parsed.id);
      if (record === null || !sameApiKeyHash(record.hash, hashApiKey(presented)))
        return { valid: false, reason: 'unknown' };
      if (record.revokedAt !== null) return { valid: false, reason: 'revoked' };
      return { valid: true, key: infoOf(record) };
    },
  };
}

function checkTenant(tenantId: string): void {
  if (!tenantIdSchema.safeParse(tenantId).success) throw new InvalidTenantIdError(tenantId);
}

function infoOf(record: StoredApiKey): ApiKeyInfo {
  return {
    id: record._id,
    tenantId: record.tenantId,
    label: record.label,
    createdAt: record.createdAt,
    revokedAt: record.revokedAt,
  };
}
