// Reads of `jobs`: a tenant's job (the gateway's API; another tenant's id reads as absent), and across
// tenants for operators (the dashboard). A document that does not validate is left out and counted.
import type { Store } from '@conveyor/store';
import type { Document, Filter } from 'mongodb';
import { InvalidJobCursorError } from './errors/invalid-job-cursor-error.ts';
import { jobDocument, jobsCollection, type JobDocument } from './job-document.ts';
import { jobs } from './jobs-collection.ts';

export async function getJob(store: Store, tenantId: string, jobId: string): Promise<JobDocument | null> {
  const found = await jobs(store).findOne({ _id: jobId, tenantId });
  return found === null ? null : jobDocument.parse(found);
}

/** Any tenant's job (operators); null when absent or unreadable. */
export async function findJob(store: Store, jobId: string): Promise<JobDocument | null> {
  const found = await jobs(store).findOne({ _id: jobId });
  if (found === null) return null;
  const parsed = jobDocument.safeParse(found);
  return parsed.success ? parsed.data : null;
}

export interface JobQuery {
  status?: string | undefined;
  tenantId?: string | undefined;
  type?: string | undefined;
  /** Created at or after. */
  since?: Date | undefined;
  /** Created before. */
  until?: Date | undefined;
  limit: number;
  /** Where the previous page ended (its nextCursor). */
  cursor?: string | undefined;
}

export interface JobPage {
  jobs: JobDocument[];
  unreadable: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The newest jobs matching the query, without their outbox, a page at a time. */
export async function listJobs(store: Store, query: JobQuery): Promise<JobPage> {
  const filter: Filter<Document> = {};
  if (query.tenantId !== undefined) filter.tenantId = query.tenantId;
  if (query.status !== undefined) filter.status = query.status;
  if (query.type !== undefined) filter.type = query.type;
  const createdAt: Document = {};
  if (query.since !== undefined) createdAt.$gte = query.since;
  if (query.until !== undefined) createdAt.$lt = query.until;
  if (Object.keys(createdAt).length > 0) filter.createdAt = createdAt;
  const after = query.cursor === undefined ? undefined : readCursor(query.cursor);
  const page: Document =
    after === undefined
      ? filter
      : {
          $and: [
            filter,
            {
              $or: [
                { createdAt: { $lt: after.createdAt } },
                { createdAt: after.createdAt, _id: { $lt: after.id } },
              ],
            },
          ],
        };
  // One more than asked: whether there is a next page, without a count.
  const found = await store.db
    .collection<{ _id: string; createdAt?: unknown }>(jobsCollection)
    .find(page as Filter<{ _id: string; createdAt?: unknown }>, { projection: { outbox: 0 } })
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .toArray();
  const more = found.length > query.limit;
  const shown = found.slice(0, query.limit);
  const parsed = shown.map((document) => jobDocument.safeParse(document));
  const last = shown.at(-1);
  return {
    jobs: parsed.flatMap((result) => (result.success ? [result.data] : [])),
    unreadable: parsed.filter((result) => !result.success).length,
    nextCursor: more && last !== undefined ? writeCursor(last.createdAt, last._id) : null,
  };
}

/** The status of a job by id, whichever tenant's; undefined when there is no such job. */
export async function jobStatusOf(store: Store, jobId: string): Promise<string | undefined> {
  const found = await store.db
    .collection<{ _id: string; status?: unknown }>(jobsCollection)
    .findOne({ _id: jobId }, { projection: { status: 1 } });
  return found === null ? undefined : String(found.status);
}

/** A page's end as an opaque token: its last job's creation time and id. */
function writeCursor(createdAt: unknown, id: string): string | null {
  if (!(createdAt instanceof Date)) return null;
  return Buffer.from(JSON.stringify([createdAt.getTime(), id])).toString('base64url');
}

function readCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && typeof decoded[0] === 'number' && typeof decoded[1] === 'string')
      return { createdAt: new Date(decoded[0]), id: decoded[1] };
  } catch (error) {
    throw new InvalidJobCursorError(cursor, error);
  }
  throw new InvalidJobCursorError(cursor);
}
