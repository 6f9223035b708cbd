// How a handler is called: in this thread, or, for a definition with `thread`, in the worker's thread
// pool (see ../threads), with the same context.
import type { JobData, JobDefinition } from '../define-job.ts';
import type { JobContext } from '../job-context.ts';

export type HandlerInvoker = (
  definition: JobDefinition,
  data: JobData,
  context: JobContext,
) => Promise<unknown>;

export function invokeInProcess(
  definition: JobDefinition,
  data: JobData,
  context: JobContext,
): Promise<unknown> {
  return Promise.resolve(definition.handler(data, context));
}
