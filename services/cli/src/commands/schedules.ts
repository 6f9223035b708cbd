// conveyor schedules list|add|pause|resume|run|delete: the gateway's schedule API (GATEWAY_URL).
import type { Command } from '../command.ts';
import { UsageError } from '../errors/usage-error.ts';
import { formatTable } from '../format-table.ts';
import { apiKeyOption } from '../gateway/api-key-option.ts';
import { jobAccepted, scheduleList, scheduleView, type ScheduleView } from '../gateway/gateway-views.ts';
import { readJsonInput } from '../json-input.ts';
import { expectPositionals, integerOption, parseCommandLine } from '../parse-command-line.ts';

const listCommand: Command = {
  name: 'list',
  summary: 'list the schedules',
  help: 'Usage: conveyor schedules list [--api-key <key>] [--json]',
  async run(args, context) {
    const command = 'schedules list';
    const { values, positionals } = parseCommandLine(command, args, apiKeyOption);
    expectPositionals(command, positionals, []);
    const list = await context
      .gateway(values['api-key'])
      .json({ method: 'GET', path: '/v1/schedules' }, scheduleList);
    context.output.result(list, () => formatSchedules(list.items));
  },
};

const addCommand: Command = {
  name: 'add',
  summary: 'create a schedule',
  help: `Usage: conveyor schedules add (--data <json> | --file <path>) [--api-key <key>] [--json]
       conveyor schedules add --name <name> --cron <expression> --job-type <type> [options]

Options:
  --name <name>          letters, digits, ".", "_" and "-"
  --cron <expression>    5 fields (minute first) or 6 (seconds first); @daily, @hourly... too
  --time-zone <zone>     IANA time zone the expression is read in (default UTC)
  --job-type <type>      the job to run, e.g. report.daily
  --payload <json>       the job's payload (default {})
  --priority <0-9>       the job's priority (default 1: batch work)
  --overlap <policy>     skip (default) or allow a run while the previous one is running
  --misfire <policy>     what to do with runs missed while no scheduler was up (default fire-once)
  --paused               create it paused

Example:
  conveyor schedules add --name nightly --cron '0 2 * * *' --time-zone Europe/Berlin --job-type report.daily`,
  async run(args, context) {
    const command = 'schedules add';
    const { values, positionals } = parseCommandLine(command, args, {
      ...apiKeyOption,
      data: { type: 'string' },
      file: { type: 'string' },
      name: { type: 'string' },
      cron: { type: 'string' },
      'time-zone': { type: 'string' },
      'job-type': { type: 'string' },
      payload: { type: 'string' },
      priority: { type: 'string' },
      overlap: { type: 'string' },
      misfire: { type: 'string' },
      paused: { type: 'boolean' },
    });
    expectPositionals(command, positionals, []);
    const given = await readJsonInput(command, context.io, values);
    const body = given ?? (await scheduleFromFlags(command, context.io, values));
    const schedule = await context
      .gateway(values['api-key'])
      .json({ method: 'POST', path: '/v1/schedules', body }, scheduleView);
    context.output.result(
      schedule,
      () => `created schedule ${schedule.name} (${schedule.id})\n${formatSchedules([schedule])}`,
    );
  },
};

async function scheduleFromFlags(
  command: string,
  io: Parameters<typeof readJsonInput>[1],
  values: {
    name?: string | undefined;
    cron?: string | undefined;
    'time-zone'?: string | undefined;
    'job-type'?: string | undefined;
    payload?: string | undefined;
    priority?: string | undefined;
    overlap?: string | undefined;
    misfire?: string | undefined;
    paused?: boolean | undefined;
  },
): Promise<Record<string, unknown>> {
  const { name, cron } = values;
  const jobType = values['job-type'];
  if (name === undefined || cron === undefined || jobType === undefined) {
    throw new UsageError('give --data or --file, or --name, --cron and --job-type', command);
  }
  const payload =
    values.payload === undefined ? undefined : await readJsonInput(command, io, { data: values.payload });
  const priority = integerOption(command, 'priority', values.priority, { min: 0, max: 9 });
  return {
    name,
    cron,
    ...(values['time-zone'] === undefined ? {} : { timeZone: values['time-zone'] }),
    job: {
      type: jobType,
      ...(payload === undefined ? {} : { payload }),
      ...(priority === undefined ? {} : { priority }),
    },
    ...(values.overlap === undefined ? {} : { overlap: values.overlap }),
    ...(values.misfire === undefined ? {} : { misfire: values.misfire }),
    ...(values.paused === undefined ? {} : { paused: values.paused }),
  };
}

function pauseOrResumeCommand(action: 'pause' | 'resume'): Command {
  return {
    name: action,
    summary: action === 'pause' ? 'pause a schedule (it is not fired)' : 'resume a paused schedule',
    help: `Usage: conveyor schedules ${action} <schedule-id> [--api-key <key>] [--json]

${
  action === 'pause'
    ? 'A paused schedule is not fired until it is resumed. Pausing a paused schedule changes nothing.'
    : `The schedule fires again from its next fire time after now: the runs the pause left out are not
caught up. Resuming a schedule that is not paused changes nothing.`
}

Exit code 3 when there is no such schedule.`,
    async run(args, context) {
      const command = `schedules ${action}`;
      const { values, positionals } = parseCommandLine(command, args, apiKeyOption);
      const [id = ''] = expectPositionals(command, positionals, ['<schedule-id>']);
      const schedule = await context.gateway(values['api-key']).json(
        {
          method: 'POST',
          path: `/v1/schedules/${encodeURIComponent(id)}/${action}`,
          resource: { kind: 'schedule', id },
        },
        scheduleView,
      );
      context.output.result(
        schedule,
        () =>
          `${schedule.paused ? 'paused' : 'resumed'} schedule ${schedule.name} (${schedule.id})\n` +
          formatSchedules([schedule]),
      );
    },
  };
}

const runCommand: Command = {
  name: 'run',
  summary: "run a schedule's job now",
  help: `Usage: conveyor schedules run <schedule-id> [--api-key <key>] [--json]

Submits the schedule's job now, as a one-off job, whatever its cron; its fire times and overlap policy
are not affected. Prints the job's id: follow it with \`conveyor jobs watch <id>\`.

Exit code 3 when there is no such schedule.`,
  async run(args, context) {
    const command = 'schedules run';
    const { values, positionals } = parseCommandLine(command, args, apiKeyOption);
    const [id = ''] = expectPositionals(command, positionals, ['<schedule-id>']);
    const job = await context.gateway(values['api-key']).json(
      {
        method: 'POST',
        path: `/v1/schedules/${encodeURIComponent(id)}/run`,
        resource: { kind: 'schedule', id },
      },
      jobAccepted,
    );
    context.output.result(job, () => `ran schedule ${id} now: job ${job.id} (${job.status})`);
  },
};

const deleteCommand: Command = {
  name: 'delete',
  summary: 'delete a schedule',
  help: `Usage: conveyor schedules delete <schedule-id> [--api-key <key>] [--json]

Exit code 3 when there is no such schedule.`,
  async run(args, context) {
    const command = 'schedules delete';
    const { values, positionals } = parseCommandLine(command, args, apiKeyOption);
    const [id = ''] = expectPositionals(command, positionals, ['<schedule-id>']);
    await context.gateway(values['api-key']).send({
      method: 'DELETE',
      path: `/v1/schedules/${encodeURIComponent(id)}`,
      resource: { kind: 'schedule', id },
    });
    context.output.result({ deleted: id }, () => `deleted schedule ${id}`);
  },
};

function formatSchedules(schedules: readonly ScheduleView[]): string {
  if (schedules.length === 0) return 'no schedules';
  return formatTable(
    ['NAME', 'CRON', 'TIME ZONE', 'JOB', 'PAUSED', 'NEXT RUN', 'ID'],
    schedules.map((schedule) => [
      schedule.name,
      schedule.cron,
      schedule.timeZone,
      schedule.job.type,
      schedule.paused ? 'yes' : 'no',
      schedule.nextRunAt ?? '-',
      schedule.id,
    ]),
  );
}

export const schedulesCommand: Command = {
  name: 'schedules',
  summary: 'list, add, pause, resume, run now and delete cron schedules through the gateway',
  help: `The gateway is GATEWAY_URL; the API key is --api-key or CONVEYOR_API_KEY, and it decides the tenant.`,
  subcommands: [
    listCommand,
    addCommand,
    pauseOrResumeCommand('pause'),
    pauseOrResumeCommand('resume'),
    runCommand,
    deleteCommand,
  ],
};
