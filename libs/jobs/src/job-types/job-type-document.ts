// The job-type registry (`job_types`): one document per type a worker runs, written by the worker when it
// starts. The gateway reads it to refuse, at accept time, a job nobody runs or whose data its schema
// refuses; operators read it to see which types exist and where they queue.
import { jobRequested } from '@conveyor/contracts';
import { z } from 'zod';

export const jobTypesCollection = 'job_types';

export const jobType = jobRequested.schema.shape.jobType;

export const jobTypeDocument = z.object({
  /** The type's name. */
  _id: jobType,
  queue: z.string().min(1),
  /**
   * JSON Schema (draft 2020-12) of the job's data, as the worker's zod schema accepts it, as JSON text:
   * its `$schema`, `$ref` and `$defs` keys are ones a MongoDB-wire store refuses in a document.
   */
  schemaJson: z.string(),
  priority: z.number().int().min(0).max(9),
  attempts: z.number().int().positive(),
  timeoutMs: z.number().int().positive(),
  /** Set for a type whose jobs run in order per key: the data field that is the key, and its partitions. */
  ordered: z.object({ partitions: z.number().int().positive(), keyField: z.string().min(1) }).nullable(),
  /** Finished jobs of the type are deleted this many days after they finished; null: the global rule. */
  retentionDays: z.number().positive().nullable(),
  /** The worker that wrote this version (its service name and instance). */
  registeredBy: z.string(),
  updatedAt: z.date(),
});

export type JobTypeDocument = z.infer<typeof jobTypeDocument>;

/** What a worker registers: the document without its bookkeeping, its schema as an object. */
export type JobTypeRegistration = Omit<
  JobTypeDocument,
  '_id' | 'updatedAt' | 'registeredBy' | 'schemaJson'
> & {
  type: string;
  schema: Record<string, unknown>;
};

/** The type's data schema (JSON Schema) as an object. */
export function jobTypeSchemaOf(document: Pick<JobTypeDocument, 'schemaJson'>): Record<string, unknown> {
  const parsed: unknown = JSON.parse(document.schemaJson);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}
