// What every workflow handler works with: storage, providers, the way out (publish), and its limits.
import type { RetryPolicy } from '@conveyor/bus';
import type { PublishOutgoing } from '@conveyor/outbox';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';
import type { FulfilmentProviders } from '../providers/fulfilment-providers.ts';
import type { OrderProgress } from './order-progress.ts';

export interface WorkflowContext {
  store: Store;
  providers: FulfilmentProviders;
  publish: PublishOutgoing;
  progress: OrderProgress;
  logger: Logger;
  /** The orders queue's attempt limit: a step failing on this attempt is compensated, not dead-lettered. */
  maxAttempts: number;
  /** The orders queue's retry policy (its attempt limit and delay tiers), to note when a retry is due. */
  retry: RetryPolicy;
  stepTimeoutMs: number;
  /** Where the workflow's messages are published (the shared events exchange outside tests). */
  exchange: string;
}
