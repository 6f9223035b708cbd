import type { Store } from '@conveyor/store';
import type { Collection } from 'mongodb';
import { jobsCollection, type JobDocument } from './job-document.ts';

export function jobs(store: Store): Collection<JobDocument> {
  return store.db.collection<JobDocument>(jobsCollection);
}
