// Every command of the CLI, in the order --help lists them.
import type { Command } from '../command.ts';
import { dlqCommand } from './dlq.ts';
import { jobsCommand } from './jobs.ts';
import { keysCommand } from './keys.ts';
import { ordersCommand } from './orders.ts';
import { publishCommand } from './publish.ts';
import { queuesCommand } from './queues.ts';
import { schedulesCommand } from './schedules.ts';
import { tailCommand } from './tail.ts';

export const rootCommand: Command = {
  name: 'conveyor',
  summary: 'operate a Conveyor installation from the command line',
  help: `Every command takes --help and --json (machine-readable output on stdout; notes, prompts and
progress bars go to stderr).

Environment (defaults are local development):
  AMQP_URL         amqp://guest:guest@127.0.0.1:5672   publish, dlq replay, queues
  MONGO_URL        mongodb://127.0.0.1:27017           dlq, keys
  MONGO_DB         conveyor                            dlq, keys
  NATS_URL         nats://127.0.0.1:4222               tail
  GATEWAY_URL      http://127.0.0.1:8080               orders, jobs, schedules, publish --delay
  CONVEYOR_API_KEY (none)                              orders, jobs, schedules, publish --delay (or --api-key)
  CONVEYOR_QUEUES  the services' queues                queues (comma-separated)
  LOG_LEVEL        warn                                library logs on stderr

Exit codes: 0 success, 1 failure, 2 usage (wrong command, option or environment), 3 not found.`,
  subcommands: [
    publishCommand,
    ordersCommand,
    jobsCommand,
    dlqCommand,
    queuesCommand,
    schedulesCommand,
    keysCommand,
    tailCommand,
  ],
};
