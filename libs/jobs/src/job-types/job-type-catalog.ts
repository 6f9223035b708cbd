// The gateway's view of the registry: a job's type and data checked at accept time, so that a job no
// worker runs, or whose data its worker's schema refuses, is a 422 instead of a dead letter later.
// A known type is cached for `ttlMs` (a schema change reaches the gateway within it); an unknown one is
// read again every time, so a type is accepted as soon as its first worker has registered it.
import type { Store } from '@conveyor/store';
import { z } from 'zod';
import { InvalidJobPayloadError, type PayloadIssue } from '../errors/invalid-job-payload-error.ts';
import { UnknownJobTypeError } from '../errors/unknown-job-type-error.ts';
import { jobTypeSchemaOf, type JobTypeDocument } from './job-type-document.ts';
import { findJobType } from './register-job-types.ts';

export interface JobTypeCatalogOptions {
  /** How long a registered type's document and schema are used before being read again; 5 s. */
  ttlMs?: number;
  clock?: () => number;
}

export interface JobTypeCatalog {
  /** The type's registration; throws UnknownJobTypeError or InvalidJobPayloadError. */
  check(type: string, payload: Record<string, unknown>): Promise<JobTypeDocument>;
  /** The partitions of an ordered type; null for a type that is not ordered or not registered. */
  partitionsOf(type: string): Promise<number | null>;
}

interface CachedType {
  document: JobTypeDocument;
  schema: z.ZodType;
  readAt: number;
}

export function createJobTypeCatalog(store: Store, options: JobTypeCatalogOptions = {}): JobTypeCatalog {
  const ttlMs = options.ttlMs ?? 5_000;
  const clock = options.clock ?? Date.now;
  const cache = new Map<string, CachedType>();

  async function load(type: string): Promise<CachedType> {
    const cached = cache.get(type);
    if (cached !== undefined && clock() - cached.readAt < ttlMs) return cached;
    const document = await findJobType(store, type);
    if (document === null) {
      cache.delete(type);
      throw new UnknownJobTypeError(type);
    }
    const same = cached?.document.updatedAt.getTime() === document.updatedAt.getTime();
    const schema = same ? cached.schema : dataSchemaOf(document);
    const fresh = { document, schema, readAt: clock() };
    cache.set(type, fresh);
    return fresh;
  }

  return {
    async check(type, payload) {
      const { document, schema } = await load(type);
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new InvalidJobPayloadError(type, issuesOf(parsed.error));
      return document;
    },
    async partitionsOf(type) {
      try {
        return (await load(type)).document.ordered?.partitions ?? null;
      } catch (error) {
        if (error instanceof UnknownJobTypeError) return null;
        throw error;
      }
    },
  };
}

/** A schema the registry holds that zod cannot read accepts anything: the worker still checks. */
function dataSchemaOf(document: JobTypeDocument): z.ZodType {
  try {
    return z.fromJSONSchema(jobTypeSchemaOf(document));
  } catch {
    return z.unknown();
  }
}

function issuesOf(error: z.ZodError): PayloadIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
