// conveyor jobs list|get|watch|cancel|retry: the gateway's job API (GATEWAY_URL).
import type { Command } from '../command.ts';
import type { CommandContext } from '../command-context.ts';
import { GatewayRequestError } from '../errors/gateway-request-error.ts';
import { JobNotCompletedError } from '../errors/job-not-completed-error.ts';
import { JobRefusedError } from '../errors/job-refused-error.ts';
import { StreamEndedError } from '../errors/stream-ended-error.ts';
import { UsageError } from '../errors/usage-error.ts';
import { apiKeyOption } from '../gateway/api-key-option.ts';
import { jobList, jobProgressView, jobView, type JobView } from '../gateway/gateway-views.ts';
import { sseFrames } from '../gateway/sse-frames.ts';
import { formatJob, formatJobList, formatJobProgress, formatJobStatus } from '../jobs/format-job.ts';
import { expectPositionals, integerOption, parseCommandLine } from '../parse-command-line.ts';

const listCommand: Command = {
  name: 'list',
  summary: 'list jobs, newest first, one page at a time',
  help: `Usage: conveyor jobs list [options]

Options:
  --status <status>    only jobs in this status: accepted, scheduled, running, waiting, completed,
                       failed or cancelled
  --type <type>        only jobs of this type, e.g. conveyor.echo
  --since <time>       only jobs created at or after this time (ISO 8601, e.g. 2025-01-31T08:00:00Z)
  --until <time>       only jobs created before this time
  --limit <n>          jobs per page, 1 to 200 (default 50)
  --cursor <cursor>    the next page: the cursor the previous page printed (give the same filters)
  --api-key <key>      the gateway API key (default: CONVEYOR_API_KEY); it decides the tenant
  --json               print the page as JSON: {"jobs":[...],"nextCursor":"..."|null}

Example:
  conveyor jobs list --status failed --type report.daily --since 2025-01-31T00:00:00Z --limit 20`,
  async run(args, context) {
    const command = 'jobs list';
    const { values, positionals } = parseCommandLine(command, args, {
      ...apiKeyOption,
      status: { type: 'string' },
      type: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
    });
    expectPositionals(command, positionals, []);
    const query = new URLSearchParams();
    if (values.status !== undefined) query.set('status', values.status);
    if (values.type !== undefined) query.set('type', values.type);
    const since = timeOption(command, 'since', values.since);
    if (since !== undefined) query.set('since', since);
    const until = timeOption(command, 'until', values.until);
    if (until !== undefined) query.set('until', until);
    const limit = integerOption(command, 'limit', values.limit, { min: 1, max: 200 });
    if (limit !== undefined) query.set('limit', String(limit));
    if (values.cursor !== undefined) query.set('cursor', values.cursor);
    const search = query.size === 0 ? '' : `?${query.toString()}`;
    const page = await context
      .gateway(values['api-key'])
      .json({ method: 'GET', path: `/v1/jobs${search}` }, jobList);
    context.output.result(page, () => formatJobList(page));
  },
};

const getCommand: Command = {
  name: 'get',
  summary: 'show a job: status, attempts, errors, result, trace id',
  help: `Usage: conveyor jobs get <job-id> [--api-key <key>] [--json]

Exit code 3 when the job does not exist (for the API key's tenant).`,
  async run(args, context) {
    const command = 'jobs get';
    const { values, positionals } = parseCommandLine(command, args, apiKeyOption);
    const [id = ''] = expectPositionals(command, positionals, ['<job-id>']);
    const job = await context
      .gateway(values['api-key'])
      .json({ method: 'GET', path: jobPath(id), resource: { kind: 'job', id } }, jobView);
    context.output.result(job, () => formatJob(job));
  },
};

const watchCommand: Command = {
  name: 'watch',
  summary: 'follow a job live until it finishes (Server-Sent Events)',
  help: `Usage: conveyor jobs watch <job-id> [--api-key <key>] [--json]

Prints the job, then its progress and each change of status, until it finishes: exit code 0 when it
completed, 1 when it failed or was cancelled. A job that has already finished is printed and ends the
same way. With --json, one JSON object per line: {"event":"snapshot"|"progress"|"status","data":...}.
Ctrl-C stops watching (exit code 0; the job carries on). Exit code 3 when the job does not exist.`,
  async run(args, context) {
    const command = 'jobs watch';
    const { values, positionals } = parseCommandLine(command, args, apiKeyOption);
    const [id = ''] = expectPositionals(command, positionals, ['<job-id>']);
    await watchJob(context, values['api-key'], id);
  },
};

async function watchJob(context: CommandContext, apiKey: string | undefined, id: string): Promise<void> {
  let last: JobView | undefined;
  try {
    const response = await context.gateway(apiKey).send({
      method: 'GET',
      path: `${jobPath(id)}/events`,
      headers: { accept: 'text/event-stream' },
      resource: { kind: 'job', id },
    });
    if (response.body === null) throw new StreamEndedError('job', id);
    for await (const frame of sseFrames(response.body)) {
      if (frame.event === 'snapshot') {
        const job = jobView.parse(JSON.parse(frame.data));
        last = job;
        context.output.event({ event: 'snapshot', data: job }, () => formatJob(job));
      } else if (frame.event === 'progress') {
        const event = jobProgressView.parse(JSON.parse(frame.data));
        context.output.event({ event: 'progress', data: event }, () => formatJobProgress(event));
      } else if (frame.event === 'status') {
        const job = jobView.parse(JSON.parse(frame.data));
        last = job;
        context.output.event({ event: 'status', data: job }, () => formatJobStatus(job));
      }
      if (last !== undefined && endingOf(last.status) !== undefined) break;
    }
  } catch (error) {
    // Ctrl-C aborts the request: watching ends there, which is what was asked.
    if (context.signal.aborted) return;
    throw error;
  }
  const ending = last === undefined ? undefined : endingOf(last.status);
  if (last === undefined || ending === undefined) throw new StreamEndedError('job', id);
  if (ending === 'unsuccessful') throw new JobNotCompletedError(id, last.status, last.error);
  context.output.note(`job ${id} completed`);
}

/** How a finished status ends `jobs watch`; undefined while the job is not finished. */
function endingOf(status: string): 'completed' | 'unsuccessful' | undefined {
  switch (status) {
    case 'completed':
      return 'completed';
    case 'failed':
    case 'cancelled':
      return 'unsuccessful';
    default:
      return undefined;
  }
}

const cancelCommand: Command = {
  name: 'cancel',
  summary: 'cancel a job: a queued one never runs, a running one is stopped',
  help: `Usage: conveyor jobs cancel <job-id> [--api-key <key>] [--json]

A job that has not started (accepted or scheduled) is cancelled at once and never runs. A running job
is marked "cancel requested": its handler's signal fires in the worker running it, and the job ends
cancelled (it is not retried); follow it with conveyor jobs watch <job-id>. Prints the job.

Exit code 1 (code JOB_FINISHED) when the job has already finished; 3 when it does not exist.`,
  async run(args, context) {
    const command = 'jobs cancel';
    const { values, positionals } = parseCommandLine(command, args, apiKeyOption);
    const [id = ''] = expectPositionals(command, positionals, ['<job-id>']);
    const job = await changeJob(context, values['api-key'], 'cancel', id);
    context.output.result(job, () => {
      const headline =
        job.status === 'cancelled'
          ? `cancelled job ${id}`
          : `cancel requested for job ${id} (${job.status}): it ends cancelled when its handler stops\n` +
            `follow it: conveyor jobs watch ${id}`;
      return `${headline}\n${formatJob(job)}`;
    });
  },
};

const retryCommand: Command = {
  name: 'retry',
  summary: 'run a failed or cancelled job again',
  help: `Usage: conveyor jobs retry <job-id> [--api-key <key>] [--json]

Runs the job again with the same payload (a new run, status accepted), and prints it. Only a failed or
cancelled job is retried: any other is exit code 1 (code JOB_NOT_RETRYABLE). Exit code 3 when the job
does not exist.`,
  async run(args, context) {
    const command = 'jobs retry';
    const { values, positionals } = parseCommandLine(command, args, apiKeyOption);
    const [id = ''] = expectPositionals(command, positionals, ['<job-id>']);
    const job = await changeJob(context, values['api-key'], 'retry', id);
    context.output.result(
      job,
      () => `retried job ${id}: ${job.status}\nfollow it: conveyor jobs watch ${id}\n${formatJob(job)}`,
    );
  },
};

/** POST /v1/jobs/{id}/cancel or /retry; the gateway's 409 (the job's state does not allow it) named. */
async function changeJob(
  context: CommandContext,
  apiKey: string | undefined,
  action: 'cancel' | 'retry',
  id: string,
): Promise<JobView> {
  try {
    return await context
      .gateway(apiKey)
      .json({ method: 'POST', path: `${jobPath(id)}/${action}`, resource: { kind: 'job', id } }, jobView);
  } catch (error) {
    if (error instanceof GatewayRequestError && error.status === 409)
      throw new JobRefusedError(action, id, error);
    throw error;
  }
}

function jobPath(id: string): string {
  return `/v1/jobs/${encodeURIComponent(id)}`;
}

/** A time option as ISO 8601 (UTC), so that the gateway gets one format whatever was typed. */
function timeOption(command: string, option: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const time = Date.parse(raw);
  if (Number.isNaN(time)) {
    throw new UsageError(
      `--${option} must be a time (ISO 8601, e.g. 2025-01-31T08:00:00Z), not '${raw}'`,
      command,
    );
  }
  return new Date(time).toISOString();
}

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'list, show, follow, cancel and retry jobs through the gateway',
  help: `The gateway is GATEWAY_URL (default http://127.0.0.1:8080); the API key is --api-key or
CONVEYOR_API_KEY, and it decides the tenant: only its jobs are seen.`,
  subcommands: [listCommand, getCommand, watchCommand, cancelCommand, retryCommand],
};
