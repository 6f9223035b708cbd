// A job's attempts, every run's: each delivery to a handler with its start, end, outcome and error,
// and the attempt running now (kept apart on the document until it ends), as GET /v1/jobs/{id} lists them.
import type { JobAttempt, JobDocument } from '@conveyor/jobs';
import { statusBadge, timeCell } from './format.ts';
import { html, type Html } from './html.ts';

export function attemptsOf(job: JobDocument): JobAttempt[] {
  const current = job.status === 'running' ? job.currentAttempt : null;
  return [
    ...job.attempts,
    ...(current === null
      ? []
      : [
          {
            run: job.run,
            attempt: current.attempt,
            startedAt: current.startedAt,
            endedAt: null,
            outcome: 'running' as const,
            error: null,
          },
        ]),
  ];
}

export function attemptsTable(job: JobDocument): Html {
  const attempts = attemptsOf(job);
  if (attempts.length === 0) return html`<p class="muted" data-field="attempts">Not started yet.</p>`;
  return html`<table data-field="attempts">
    <thead>
      <tr>
        <th class="num">Run</th>
        <th class="num">Attempt</th>
        <th>Started</th>
        <th>Ended</th>
        <th>Outcome</th>
        <th>Error</th>
      </tr>
    </thead>
    <tbody>
      ${attempts.map(
        (attempt) =>
          html`<tr data-attempt="${attempt.run}.${attempt.attempt}">
            <td class="num">${attempt.run}</td>
            <td class="num">${attempt.attempt}</td>
            <td>${timeCell(attempt.startedAt)}</td>
            <td>${timeCell(attempt.endedAt)}</td>
            <td data-column="outcome">${statusBadge(attempt.outcome)}</td>
            <td data-column="error">${attempt.error ?? html`<span class="muted">–</span>`}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
