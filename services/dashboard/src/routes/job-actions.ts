// An operator's cancel and retry of a job (any tenant's), posted from the job's page: each answers with
// a redirect back to the page, which says what happened. Like replay and pause, an action is one
// button with no confirmation step: a cancel is undone by a retry (which resumes from the handler's
// last checkpoint), and a retry of a job that is not failed or cancelled is refused, not repeated.
import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../errors/not-found-error.ts';
import { parseFields } from '../http/parse-fields.ts';
import { idParams } from '../http/query-fields.ts';
import {
  cancelJobAsOperator,
  retryJobAsOperator,
  type CancelOutcome,
  type RetryOutcome,
} from '../jobs/operator-job-actions.ts';
import type { Notice } from '../views/layout.ts';
import type { RouteContext } from './route-context.ts';

export const jobActionOutcomes = [
  'cancelled',
  'cancel-requested',
  'already-finished',
  'retried',
  'not-retryable',
] as const satisfies readonly (CancelOutcome | RetryOutcome)[];

export const jobPageQuery = z.object({ done: z.enum(jobActionOutcomes).optional() });

export const jobActionNotices: Record<(typeof jobActionOutcomes)[number], Notice> = {
  cancelled: { kind: 'ok', text: 'Cancelled: the job had not started, and it will not run.' },
  'cancel-requested': {
    kind: 'ok',
    text: 'Cancel requested: the handler running the job is told to stop; the job then ends cancelled, not retried.',
  },
  'already-finished': {
    kind: 'error',
    text: 'Not cancelled: the job has already finished (completed, failed or cancelled).',
  },
  retried: {
    kind: 'ok',
    text: 'Retried: a new run of the job is accepted; its earlier attempts stay listed below.',
  },
  'not-retryable': {
    kind: 'error',
    text: 'Not retried: only a failed or cancelled job can be retried (or another retry started it already).',
  },
};

/** Back to the job's page, which says what happened; a job that does not exist is a 404 page. */
function jobPath(id: string, done: CancelOutcome | RetryOutcome): string {
  if (done === 'not-found') throw new NotFoundError('job', id);
  return `/jobs/${encodeURIComponent(id)}?done=${done}`;
}

export function jobActionRoutes(context: RouteContext): FastifyPluginCallback {
  return (app, _options, done) => {
    app.post('/jobs/:id/cancel', async (request, reply) => {
      const { id } = parseFields(idParams, request.params);
      const outcome = await cancelJobAsOperator({ ...context, logger: request.log }, id);
      request.log.info({ jobId: id, outcome }, 'job cancel from the dashboard');
      return reply.redirect(jobPath(id, outcome), 303);
    });

    app.post('/jobs/:id/retry', async (request, reply) => {
      const { id } = parseFields(idParams, request.params);
      const outcome = await retryJobAsOperator({ ...context, logger: request.log }, id);
      request.log.info({ jobId: id, outcome }, 'job retry from the dashboard');
      return reply.redirect(jobPath(id, outcome), 303);
    });
    done();
  };
}
