// A job's dead letter ends its run. The job worker records `failed` only when its own handler fails on
// the last attempt; a job dead-lettered otherwise (a crash loop, a handler past its deadline, an
// invalid body, no queue bound) would stay `running` and hold an overlap `skip` schedule until the run
// timeout. The archiver sees every dead letter, so it ends the schedule run, and the job document.
import type { ArchivedLetter } from '@conveyor/dead-letters';
import { jobRequested } from '@conveyor/contracts';
import { isFinishedJobStatus, jobStatusOf, recordJobOutcome } from '@conveyor/jobs';
import { endUnfinishedRun } from '@conveyor/schedules';
import type { Store } from '@conveyor/store';
import type { Logger } from 'pino';

export function endDeadLetteredJob(store: Store, logger: Logger) {
  return async (letter: ArchivedLetter): Promise<void> => {
    if (letter.type !== jobRequested.name) return;
    const body = readJobRequested(letter.body);
    // A schedule run's message id is its run id, so a letter whose body cannot be read still names it.
    const runId = body === undefined ? letter.messageId : (body.scheduleRunId ?? null);
    const tenantId = body?.tenantId ?? letter.tenant ?? undefined;
    const error = `dead-lettered (${letter.reason}): ${letter.error}`;
    const at = new Date();
    if (runId !== null) {
      const ended = await endUnfinishedRun(
        store,
        { runId, tenantId },
        { reason: 'dead-lettered', error, at },
      );
      if (ended)
        logger.warn(
          { runId, tenantId, deadLetterId: letter.id, reason: letter.reason },
          'schedule run ended as failed: its job was dead-lettered; the schedule fires again',
        );
    }
    if (body === undefined) return;
    const jobStatus = await jobStatusOf(store, body.jobId);
    if (jobStatus === undefined || isFinishedJobStatus(jobStatus)) return;
    await recordJobOutcome(
      store,
      { jobId: body.jobId, tenantId: body.tenantId },
      { status: 'failed', error },
      at,
    );
  };
}

function readJobRequested(body: Buffer) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    // Not JSON (that may be why it died): only the message id is left to go by.
    return undefined;
  }
  const job = jobRequested.schema.safeParse(parsed);
  return job.success ? job.data : undefined;
}
