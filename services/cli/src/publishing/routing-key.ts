// The routing key a published message goes out with: its type, except job.requested.v1, which is routed
// by job type (`job.requested.v1.<jobType>`) so that each type's queue gets only its own jobs.
import { jobRequested, jobRequestedRoutingKey } from '@conveyor/contracts';

export function routingKeyOf(type: string, body: unknown): string {
  if (type !== jobRequested.name) return type;
  const parsed = jobRequested.schema.safeParse(body);
  return parsed.success ? jobRequestedRoutingKey(parsed.data.jobType) : type;
}
