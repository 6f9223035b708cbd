// A batch handler's children (and its callback job): each checked against the registry like a job at
// the gateway (a child nobody runs fails the parent, rather than dead-letter later), then submitted.
import {
  fanOutJob,
  orderingKeyOf,
  type CallbackJob,
  type ChildJob,
  type JobTypeCatalog,
  type SubmitJobResult,
} from '@conveyor/jobs';
import type { Store } from '@conveyor/store';
import type { FanOut, FanOutChild } from '../job-context.ts';
import type { JobMessage } from './run-attempt.ts';

interface FanOutDeps {
  store: Store;
  catalog: JobTypeCatalog;
}

export async function submitFanOut(
  deps: FanOutDeps,
  message: JobMessage,
  fanOut: FanOut,
): Promise<SubmitJobResult[]> {
  const children: ChildJob[] = [];
  for (const child of fanOut.children) children.push(await checkedChild(deps.catalog, child));
  const { jobId, tenantId } = message.body;
  // Checked as it will run: with the parent's id and the counts the last child's end adds.
  const then: CallbackJob | null =
    fanOut.then === null
      ? null
      : {
          ...(await checkedChild(deps.catalog, {
            ...fanOut.then,
            data: {
              ...fanOut.then.data,
              parentJobId: jobId,
              children: { total: children.length, completed: 0, failed: 0 },
            },
          })),
          payload: fanOut.then.data,
        };
  return fanOutJob(
    deps.store,
    { jobId, tenantId, priority: message.envelope.priority, traceId: null },
    children,
    then,
  );
}

async function checkedChild(catalog: JobTypeCatalog, child: FanOutChild): Promise<ChildJob> {
  const registered = await catalog.check(child.type, child.data);
  return {
    type: child.type,
    payload: child.data,
    partitions: registered.ordered?.partitions ?? null,
    orderingKey: orderingKeyOf(registered, child.data, child.orderingKey),
  };
}
