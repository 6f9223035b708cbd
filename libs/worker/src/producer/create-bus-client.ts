// createBusClient: enqueue straight onto RabbitMQ, for trusted producers inside the deployment (no
// gateway hop, no API key). It builds the same job.requested.v1 a gateway would (routing key per type,
// partition per ordering key, message id per job so a re-publish is de-duplicated by the worker's
// inbox) and checks the data against the definition's schema itself, since no gateway will. The job's
// document is written by the worker on first sight, so the API and the dashboard see it from then on.
// There is no delay here: a job due later goes through the gateway (the scheduler holds it).
import { trace } from '@opentelemetry/api';
import { Bus } from '@conveyor/bus';
import { jobIdForKey, jobRunMessage, newJobId, orderingKeyOf } from '@conveyor/jobs';
import { orderingPartition } from '@conveyor/contracts';
import { createLogger } from '@conveyor/telemetry';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { JobData, JobDefinition } from '../define-job.ts';

export interface BusClientOptions {
  /** Default AMQP_URL, else the local broker. */
  amqpUrl?: string;
  exchangePrefix?: string;
  /** The tenant jobs are enqueued for; `default`. */
  tenantId?: string;
  serviceName?: string;
  logger?: Logger;
}

export interface BusEnqueueOptions {
  /** 0–9; default the definition's. */
  priority?: number;
  /** The same key names the same job: a repeated enqueue is run once. */
  idempotencyKey?: string;
  /** For an ordered type: default the value of its key field in the data. */
  orderingKey?: string;
}

export interface BusClient {
  /** Publishes the job (confirmed by the broker) and returns its id. Throws a ZodError for bad data. */
  enqueue<Schema extends z.ZodType<JobData>, Result>(
    definition: JobDefinition<Schema, Result>,
    data: z.input<Schema>,
    options?: BusEnqueueOptions,
  ): Promise<{ id: string }>;
  close(): Promise<void>;
}

export async function createBusClient(options: BusClientOptions = {}): Promise<BusClient> {
  const serviceName = options.serviceName ?? 'conveyor-producer';
  const logger =
    options.logger ?? createLogger({ name: serviceName, level: process.env['LOG_LEVEL'] ?? 'info' });
  const bus = await Bus.connect({
    url: options.amqpUrl ?? process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672',
    exchangePrefix: options.exchangePrefix,
    serviceName,
    logger,
    tracer: trace.getTracer('@conveyor/worker'),
  });
  const tenantId = options.tenantId ?? 'default';
  return {
    async enqueue(definition, data, enqueueOptions = {}) {
      const payload = definition.schema.parse(data);
      const id =
        enqueueOptions.idempotencyKey === undefined
          ? newJobId()
          : jobIdForKey(tenantId, enqueueOptions.idempotencyKey);
      const ordered = definition.ordered;
      // The same key a gateway would derive, so both producers' jobs of a key share a partition.
      const orderingKey = orderingKeyOf({ ordered }, payload, enqueueOptions.orderingKey);
      await bus.publish(
        jobRunMessage({
          _id: id,
          tenantId,
          type: definition.type,
          payload,
          priority: enqueueOptions.priority ?? definition.priority,
          run: 1,
          partition: ordered === null ? null : orderingPartition(orderingKey ?? '', ordered.partitions),
          orderingKey,
          parentJobId: null,
        }),
      );
      return { id };
    },
    close: () => bus.close(),
  };
}
