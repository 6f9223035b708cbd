// The demo worker's job: lets `npm start` show a worker host consuming without the full stack.
import { z } from 'zod';
import { defineMessage } from '../message-type.ts';

export const demoTaskRequested = defineMessage(
  'demo.task-requested.v1',
  z.strictObject({
    taskId: z.string().min(1).max(100),
    label: z.string().max(200),
    /** Simulated work time, so the demo shows in-flight handling and graceful stop. */
    workMs: z.number().int().min(0).max(10_000).default(0),
  }),
);
