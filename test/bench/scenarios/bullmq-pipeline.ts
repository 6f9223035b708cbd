// The order pipeline on BullMQ, as real processes (test/bench/bullmq-pipeline/: a Fastify gateway,
// fulfilment workers running one job per step, a notifier e-mailing with nodemailer), against the local
// Redis; the same phases, load and loss checks as the Conveyor order-pipeline scenario, so that the two
// are compared in the same rounds. CPU per order counts the peer's processes and Redis, burst phases only.
import { emailKinds, peerKeys } from '../bullmq-pipeline/peer-keys.ts';
import { peerMessageId } from '../bullmq-pipeline/order-emails.ts';
import { startPeerStack, type PeerStack } from '../bullmq-pipeline/peer-stack.ts';
import { postOrder } from '../bullmq-pipeline/pipeline-load.ts';
import {
  runPipelinePhases,
  type OrderTimes,
  type PipelineFigures,
  type PipelinePhaseOptions,
} from '../bullmq-pipeline/pipeline-phases.ts';
import { withinDeadline } from '../harness/deadline.ts';
import { ScenarioTimeoutError } from '../harness/scenario-timeout-error.ts';

export interface BullmqPipelineOptions extends PipelinePhaseOptions {
  redisUrl: string;
  fulfilmentWorkers: number;
  timeoutMs: number;
}

export async function bullmqPipeline(options: BullmqPipelineOptions): Promise<PipelineFigures> {
  const stack = await startPeerStack({
    redisUrl: options.redisUrl,
    fulfilmentWorkers: options.fulfilmentWorkers,
  });
  try {
    const total = options.burstOrders + options.bigBurstOrders + options.orders;
    return await withinDeadline(
      load(stack, options),
      options.timeoutMs,
      `${total} BullMQ-peer orders finished`,
    );
  } catch (error) {
    // The processes' last lines say why an order stalled; the report keeps the one-line error.
    if (error instanceof ScenarioTimeoutError) process.stderr.write(`${stack.logs()}\n`);
    throw error;
  } finally {
    await stack.stop();
  }
}

function load(stack: PeerStack, options: BullmqPipelineOptions): Promise<PipelineFigures> {
  const keys = peerKeys(stack.prefix);
  const processes = new Map(
    stack.services.flatMap((service) =>
      service.child.pid === undefined ? [] : [[service.name, service.child.pid] as const],
    ),
  );
  const fields = (ids: readonly string[]) => {
    const pipeline = stack.redis.pipeline();
    for (const id of ids) pipeline.hmget(keys.order(id), 'status', 'createdAt', 'updatedAt');
    return pipeline.exec();
  };
  return runPipelinePhases(
    {
      processes,
      servers: ['redis'],
      submit: (order) => postOrder(`${stack.gatewayUrl}/v1/orders`, order),
      async settled(pending) {
        // The peer has no failed state: an order whose job failed for good stays where it was and the
        // scenario's deadline ends the wait.
        const replies = (await fields(pending)) ?? [];
        return pending.filter((_, index) => statusOf(replies[index]) === 'completed');
      },
      async times(ids) {
        const replies = (await fields(ids)) ?? [];
        return ids.flatMap((id, index): OrderTimes[] => {
          const values = valuesOf(replies[index]);
          const [status, createdAt, updatedAt] = values;
          return status === undefined || status === null
            ? []
            : [{ id, status, createdAt: Number(createdAt), updatedAt: Number(updatedAt) }];
        });
      },
      smtp: stack.smtp,
      messageIds: (orderId) => emailKinds.map((kind) => peerMessageId(orderId, kind)),
    },
    options,
  );
}

type PipelineReply = [Error | null, unknown] | undefined;

function valuesOf(reply: PipelineReply): (string | null)[] {
  if (reply === undefined || reply[0] !== null || !Array.isArray(reply[1])) return [];
  return reply[1].map((value: unknown) => (typeof value === 'string' ? value : null));
}

function statusOf(reply: PipelineReply): string | null | undefined {
  return valuesOf(reply)[0];
}
