// conveyor publish <type>: a message (or --count of them) onto the bus, checked against its schema in
// @conveyor/contracts when the type is known; --delay hands a job to the gateway to run later.
import { jobRequested } from '@conveyor/contracts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../command-context.ts';
import { UsageError } from '../errors/usage-error.ts';
import { readJsonInput } from '../json-input.ts';
import { expectPositionals, integerOption, parseCommandLine } from '../parse-command-line.ts';
import { checkExchangeExists } from '../publishing/check-exchange.ts';
import { knownMessageTypes } from '../publishing/known-message-types.ts';
import { publishRepeatedly } from '../publishing/publish-repeatedly.ts';
import { submitDelayedJobs } from '../publishing/submit-delayed-jobs.ts';
import { validateMessageBody } from '../publishing/validate-message-body.ts';
import { routingKeyOf } from '../publishing/routing-key.ts';

const name = 'publish';

export const publishCommand: Command = {
  name,
  summary: 'publish a message (or many) to the bus',
  help: `Usage: conveyor publish <type> (--data <json> | --file <path>) [options]

Publishes to the topic exchange conveyor.events with routing key <type>, persistent and confirmed
by the broker. A type known to @conveyor/contracts (e.g. order.placed.v1) is checked against its
schema first: an invalid body is not sent (exit code 1, naming each bad field). Another type is sent
unchecked, with a note on stderr.

Options:
  --data <json>       the message body
  --file <path>       the message body from a file ('-' reads stdin)
  --priority <0-9>    AMQP priority (priority queues serve higher first)
  --count <n>         publish n copies, each with its own message id (progress bar on a terminal)
  --tenant <id>       the envelope's tenant (default: the body's tenantId, else "default")
  --exchange <name>   another topic exchange (default conveyor.events; exit code 3 if it does not exist)
  --delay <ms>        job.requested.v1 only: run the job after <ms> instead of now. The job goes to
                      the gateway (POST /v1/jobs at GATEWAY_URL), which keeps it and has the scheduler
                      publish it when due; the body's jobId is the idempotency key, and the job
                      belongs to the API key's tenant
  --api-key <key>     with --delay: the gateway API key (default: CONVEYOR_API_KEY)
  --json              print the result as JSON

Examples:
  conveyor publish demo.task-requested.v1 --data '{"taskId":"t-1","label":"hello"}' --count 100
  conveyor publish job.requested.v1 --file job.json --delay 60000`,
  async run(args, context) {
    const { values, positionals } = parseCommandLine(name, args, {
      data: { type: 'string' },
      file: { type: 'string' },
      priority: { type: 'string' },
      count: { type: 'string' },
      tenant: { type: 'string' },
      exchange: { type: 'string' },
      delay: { type: 'string' },
      'api-key': { type: 'string' },
    });
    const [type = ''] = expectPositionals(name, positionals, ['<type>']);
    const body = await readJsonInput(name, context.io, values);
    if (body === undefined) throw new UsageError('give the body with --data or --file', name);
    const priority = integerOption(name, 'priority', values.priority, { min: 0, max: 9 });
    const count = integerOption(name, 'count', values.count, { min: 1, max: 10_000_000 }) ?? 1;
    const delayMs = integerOption(name, 'delay', values.delay, { min: 0, max: 366 * 24 * 3_600_000 });

    const known = knownMessageTypes.get(type);
    if (known === undefined) context.output.note(`note: ${type} is not a known message type; sent unchecked`);
    else validateMessageBody(known, body);
    const tenant = values.tenant ?? tenantOf(body);

    if (delayMs !== undefined) {
      await publishDelayed(context, type, body, { delayMs, priority, count, apiKey: values['api-key'] });
      return;
    }
    const { Exchange } = await import('@conveyor/bus');
    const bus = await context.connections().bus();
    // By its default name (`conveyor.events`) an exchange is this deployment's (EXCHANGE_PREFIX).
    const exchange = bus.exchanges.resolve(values.exchange ?? Exchange.events);
    await checkExchangeExists(bus, exchange);
    const messageIds = await publishRepeatedly(
      async () =>
        (await bus.publish({ exchange, routingKey: routingKeyOf(type, body), type, body, priority, tenant }))
          .messageId,
      { count, progress: context.progress(`publishing ${type}`, count), signal: context.signal },
    );
    context.output.result({ type, exchange, count, messageIds }, () =>
      count === 1
        ? `published ${type} to ${exchange} (message id ${messageIds[0] ?? ''})`
        : `published ${count} × ${type} to ${exchange}`,
    );
  },
};

async function publishDelayed(
  context: CommandContext,
  type: string,
  body: unknown,
  options: { delayMs: number; priority: number | undefined; count: number; apiKey: string | undefined },
): Promise<void> {
  if (type !== jobRequested.name) {
    throw new UsageError(
      `--delay works for ${jobRequested.name} only (delayed jobs are kept by the gateway); ${type} cannot be delayed`,
      name,
    );
  }
  const job = jobRequested.schema.parse(body);
  const jobs = await submitDelayedJobs(context.gateway(options.apiKey), job, {
    ...options,
    progress: context.progress(`submitting ${type}`, options.count),
  });
  context.output.result({ type, delayMs: options.delayMs, jobs }, () =>
    jobs
      .map((accepted) => `job ${accepted.id} ${accepted.status}, runs at ${accepted.runAt ?? 'once'}`)
      .join('\n'),
  );
}

function tenantOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'tenantId' in body && typeof body.tenantId === 'string') {
    return body.tenantId;
  }
  return 'default';
}
