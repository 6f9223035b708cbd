// Handles demo.task-requested.v1: simulated work, then a keyed record of the result, so a
// redelivered task never writes twice.
import type { InboundMessage } from '@conveyor/bus';
import type { BodyOf, demoTaskRequested } from '@conveyor/contracts';
import { isDuplicateKeyError } from '@conveyor/store';
import type { Collection } from 'mongodb';
import type { Logger } from 'pino';

/** One keyed record per task done. */
export const demoTasksCollection = 'demo_tasks';

export interface DemoTaskRecord {
  _id: string;
  label: string;
  completedAt: Date;
  epoch: number | undefined;
}

export function handleDemoTask(tasks: Collection<DemoTaskRecord>, logger: Logger) {
  return async (message: InboundMessage<BodyOf<typeof demoTaskRequested>>): Promise<void> => {
    const { taskId, label, workMs } = message.body;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, workMs);
      message.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(message.signal.reason instanceof Error ? message.signal.reason : new Error('aborted'));
      });
    });
    try {
      await tasks.insertOne({ _id: taskId, label, completedAt: new Date(), epoch: message.claim?.epoch });
      logger.info({ taskId, label }, 'demo task done');
    } catch (error) {
      // The record is keyed by task: a crash between this write and the inbox's done mark lands here.
      if (!isDuplicateKeyError(error)) throw error;
      logger.info({ taskId }, 'demo task was already done');
    }
  };
}
