// conveyor queues: ready messages and consumers of the services' queues and their dead-letter queues,
// read from the broker with a passive declare (nothing is consumed).
import type { QueueDepth } from '@conveyor/metrics';
import type { Command } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { expectPositionals, parseCommandLine } from '../parse-command-line.ts';

export const queuesCommand: Command = {
  name: 'queues',
  summary: 'show queue depths and consumers',
  help: `Usage: conveyor queues [--queue <name>]... [--json]

Shows, for each queue, the messages ready (delivered but unacked ones not included) and the consumers
attached. By default the services' queues (CONVEYOR_QUEUES) and their .dlq; with --queue (repeatable)
exactly the queues named. A queue that does not exist is shown as not declared.`,
  async run(args, context) {
    const command = 'queues';
    const { values, positionals } = parseCommandLine(command, args, {
      queue: { type: 'string', multiple: true },
    });
    expectPositionals(command, positionals, []);
    // Loaded on use: these libraries are slow to load (see connections.ts).
    const [{ deadLetterQueueName }, { readQueueDepths }] = await Promise.all([
      import('@conveyor/bus'),
      import('@conveyor/metrics'),
    ]);
    const queues =
      values.queue ??
      context.config().CONVEYOR_QUEUES.flatMap((queue) => [queue, deadLetterQueueName(queue)]);
    const bus = await context.connections().bus();
    const depths = await readQueueDepths(await bus.connection.ready(), queues);
    context.output.result({ queues: depths }, () => formatDepths(depths));
  },
};

function formatDepths(depths: readonly QueueDepth[]): string {
  return formatTable(
    ['QUEUE', 'READY', 'CONSUMERS'],
    depths.map((depth) =>
      depth.found
        ? [depth.queue, String(depth.messages), String(depth.consumers)]
        : [depth.queue, '-', 'not declared'],
    ),
  );
}
