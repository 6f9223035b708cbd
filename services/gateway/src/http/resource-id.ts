// The documented format of every id in a path (`ord_…`, `job_…`, `sch_…`): letters, digits, `_` and `-`.
// Ids reach MongoDB queries and NATS subjects (`conveyor.progress.<tenant>.order.<id>`), where `.`, `*`,
// `>`, spaces and control characters would change the subject's meaning or break the protocol, so
// anything else is a 400 before a handler runs.
import { z } from 'zod';

export const resourceIdPattern = /^[A-Za-z0-9_-]+$/;

export function resourceId(maxLength: number) {
  return z
    .string()
    .min(1)
    .max(maxLength)
    .regex(resourceIdPattern, 'letters, digits, _ and - only')
    .describe('An id as the API returned it: letters, digits, `_` and `-`.');
}
