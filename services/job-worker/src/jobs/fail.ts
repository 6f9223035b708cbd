// conveyor.fail: fails with `message`, for good unless `retryable`. Lets operators and tests see the
// failure paths (retries, dead letters, failed jobs, retry from the API) without breaking anything.
import { JobFailedError, defineJob, type JobDefinition } from '@conveyor/worker';
import { z } from 'zod';
import type { BuiltInQueue } from './built-in-queue.ts';

export const failData = z.object({
  message: z.string().max(500).default('failed as asked'),
  retryable: z.boolean().default(false),
});

export function failJob(on: BuiltInQueue): JobDefinition {
  return defineJob({
    type: 'conveyor.fail',
    ...on,
    schema: failData,
    handler: ({ message, retryable }) => {
      throw new JobFailedError(message, { retryable });
    },
  });
}
