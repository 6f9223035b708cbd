// conveyor.echo: returns its data. Lets operators and tests check the whole path without side effects.
import { defineJob, type JobDefinition } from '@conveyor/worker';
import { z } from 'zod';
import type { BuiltInQueue } from './built-in-queue.ts';

export function echoJob(on: BuiltInQueue): JobDefinition {
  return defineJob({
    type: 'conveyor.echo',
    ...on,
    schema: z.record(z.string(), z.unknown()),
    handler: (data) => ({ echo: data }),
  });
}
