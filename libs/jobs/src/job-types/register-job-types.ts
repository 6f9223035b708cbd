// A worker's registration of the types it runs: one upsert per type, on `_id`, when it starts. The last
// worker to start wins, so a deploy that changes a type's schema takes effect as its workers roll out.
import { isDuplicateKeyError, type Store } from '@conveyor/store';
import {
  jobTypeDocument,
  jobTypesCollection,
  type JobTypeDocument,
  type JobTypeRegistration,
} from './job-type-document.ts';

function jobTypes(store: Store) {
  return store.db.collection<JobTypeDocument>(jobTypesCollection);
}

export async function registerJobTypes(
  store: Store,
  registrations: readonly JobTypeRegistration[],
  registeredBy: string,
  now: Date = new Date(),
): Promise<void> {
  for (const { type, schema, ...rest } of registrations) {
    const document = jobTypeDocument.parse({
      _id: type,
      ...rest,
      schemaJson: JSON.stringify(schema),
      registeredBy,
      updatedAt: now,
    });
    await upsertJobType(store, document);
  }
}

/**
 * Workers of one type starting together upsert the same `_id`: the loser of the insert gets a
 * duplicate key, and then the document exists, so the same replace simply matches it.
 */
async function upsertJobType(store: Store, document: JobTypeDocument): Promise<void> {
  try {
    await jobTypes(store).replaceOne({ _id: document._id }, document, { upsert: true });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await jobTypes(store).replaceOne({ _id: document._id }, document, { upsert: true });
  }
}

export async function findJobType(store: Store, type: string): Promise<JobTypeDocument | null> {
  const found = await jobTypes(store).findOne({ _id: type });
  if (found === null) return null;
  const parsed = jobTypeDocument.safeParse(found);
  return parsed.success ? parsed.data : null;
}

/** Every registered type that reads, by name. */
export async function listJobTypes(store: Store): Promise<JobTypeDocument[]> {
  const found = await jobTypes(store).find({}).sort({ _id: 1 }).toArray();
  return found.flatMap((document) => {
    const parsed = jobTypeDocument.safeParse(document);
    return parsed.success ? [parsed.data] : [];
  });
}
