// `publish job.requested.v1 --delay <ms>`: a delayed job is the gateway's to keep (POST /v1/jobs with
// delayMs stores it; the scheduler publishes it when due), so it survives restarts of everything. The
// body's jobId becomes the Idempotency-Key, so running the same command twice makes one job.
import type { BodyOf, jobRequested } from '@conveyor/contracts';
import type { GatewayClient } from '../gateway/gateway-client.ts';
import { jobAccepted, type JobAccepted } from '../gateway/gateway-views.ts';
import type { Progress } from '../progress-bar.ts';

export interface DelayedJobOptions {
  delayMs: number;
  priority: number | undefined;
  count: number;
  progress: Progress;
}

export async function submitDelayedJobs(
  gateway: GatewayClient,
  body: BodyOf<typeof jobRequested>,
  { delayMs, priority, count, progress }: DelayedJobOptions,
): Promise<JobAccepted[]> {
  const accepted: JobAccepted[] = [];
  try {
    for (let index = 0; index < count; index += 1) {
      const job = await gateway.json(
        {
          method: 'POST',
          path: '/v1/jobs',
          headers: { 'idempotency-key': count === 1 ? body.jobId : `${body.jobId}-${index + 1}` },
          body: {
            type: body.jobType,
            payload: body.payload,
            delayMs,
            ...(priority === undefined ? {} : { priority }),
          },
        },
        jobAccepted,
      );
      accepted.push(job);
      progress.tick();
    }
  } finally {
    progress.done();
  }
  return accepted;
}
