// The kind of work queue a service declares: `classic` with x-max-priority (single node, strict
// priority; the default) or `quorum` (replicated on a cluster, delivery limit, no strict priority).
import { z } from 'zod';

export const envQueueType = z.enum(['classic', 'quorum'], { message: 'must be classic or quorum' });
