// conveyor dlq list|show|replay|purge: dead letters as the archiver stored them in MongoDB (MONGO_URL,
// MONGO_DB); replay publishes back to RabbitMQ (AMQP_URL).
import type { ReplayResult } from '@conveyor/dead-letters';
import type { Command } from '../command.ts';
import type { CommandContext } from '../command-context.ts';
import { formatDeadLetter, formatDeadLetterTable } from '../dead-letters/format-dead-letter.ts';
import { openDeadLetterStore, openReplayer, unreplayedIds } from '../dead-letters/dead-letter-tools.ts';
import { AlreadyReplayedError } from '../errors/already-replayed-error.ts';
import { CancelledError } from '../errors/cancelled-error.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { NotReplayedError } from '../errors/not-replayed-error.ts';
import { UsageError } from '../errors/usage-error.ts';
import { expectPositionals, integerOption, parseCommandLine } from '../parse-command-line.ts';

const listCommand: Command = {
  name: 'list',
  summary: 'list archived dead letters, newest first',
  help: `Usage: conveyor dlq list [--queue <queue>] [--reason <reason>] [--limit <1-500>] [--after <cursor>] [--json]

One page (default 50); the next page is --after the cursor printed below the list (JSON: "next").
Reasons: invalid-body, unknown-type, missing-message-id, too-large, attempts-exhausted, crash-loop,
permanent-failure, reused-id, rejected.`,
  async run(args, context) {
    const command = 'dlq list';
    const { values, positionals } = parseCommandLine(command, args, {
      queue: { type: 'string' },
      reason: { type: 'string' },
      limit: { type: 'string' },
      after: { type: 'string' },
    });
    expectPositionals(command, positionals, []);
    const limit = integerOption(command, 'limit', values.limit, { min: 1, max: 500 }) ?? 50;
    const deadLetters = await openDeadLetterStore(context);
    const page = await deadLetters.list({
      limit,
      ...(values.queue === undefined ? {} : { queue: values.queue }),
      ...(values.reason === undefined ? {} : { reason: values.reason }),
      ...(values.after === undefined ? {} : { after: values.after }),
    });
    context.output.result(page, () =>
      page.next === null
        ? formatDeadLetterTable(page.entries)
        : `${formatDeadLetterTable(page.entries)}\nmore: conveyor dlq list --after ${page.next}`,
    );
  },
};

const showCommand: Command = {
  name: 'show',
  summary: 'show one dead letter: reason, error, headers, body',
  help: `Usage: conveyor dlq show <id> [--json]

Exit code 3 when there is no dead letter with that id.`,
  async run(args, context) {
    const command = 'dlq show';
    const { positionals } = parseCommandLine(command, args, {});
    const [id = ''] = expectPositionals(command, positionals, ['<id>']);
    const entry = await (await openDeadLetterStore(context)).get(id);
    if (entry === null) throw new NotFoundError('dead letter', id);
    context.output.result(entry, () => formatDeadLetter(entry));
  },
};

const replayCommand: Command = {
  name: 'replay',
  summary: 'publish dead letters back to their queue',
  help: `Usage: conveyor dlq replay <id>... [--force] [--json]
       conveyor dlq replay --queue <queue> [--reason <reason>] [--force] [--json]

Each letter goes back to the queue it died in, with a fresh attempt count, after its inbox record is
reset. A letter whose message the inbox records as done is not replayed (its effect would happen
again) unless --force. A letter is replayed once: replaying it again (or while another command
replays it) is refused, --force or not. With --queue, every letter of that queue not replayed yet
(progress bar on a terminal).

Exit code 0 when every letter was replayed, 1 when some were not (already done, already replayed),
3 when an id is unknown.`,
  async run(args, context) {
    const command = 'dlq replay';
    const { values, positionals } = parseCommandLine(command, args, {
      queue: { type: 'string' },
      reason: { type: 'string' },
      force: { type: 'boolean' },
    });
    if (values.queue === undefined && positionals.length === 0) {
      throw new UsageError('give the ids to replay, or --queue', command);
    }
    if (values.queue !== undefined && positionals.length > 0) {
      throw new UsageError('give ids or --queue, not both', command);
    }
    if (values.reason !== undefined && values.queue === undefined) {
      throw new UsageError('--reason goes with --queue', command);
    }
    const deadLetters = await openDeadLetterStore(context);
    const ids =
      values.queue === undefined
        ? positionals
        : await unreplayedIds(deadLetters, { queue: values.queue, reason: values.reason });
    const replayer = await openReplayer(context, deadLetters);
    const progress = context.progress('replaying', ids.length);
    const results: ReplayResult[] = [];
    try {
      for (const id of ids) {
        if (context.signal.aborted) break;
        results.push(await replayer.replay(id, { force: values.force === true }));
        progress.tick();
      }
    } finally {
      progress.done();
    }
    report(context, results);
  },
};

function report(context: CommandContext, results: readonly ReplayResult[]): void {
  const replayed = results.filter((result) => result.status === 'replayed').length;
  context.output.result({ replayed, results }, () =>
    results.length === 0
      ? 'nothing to replay'
      : [...results.map(describeReplay), `${replayed} of ${results.length} replayed`].join('\n'),
  );
  const missing = results.find((result) => result.status === 'not-found');
  if (missing !== undefined) throw new NotFoundError('dead letter', missing.id);
  const notReplayed = results.find((result) => result.status === 'already-done');
  if (notReplayed !== undefined) throw new NotReplayedError(notReplayed.id);
  const replayedBefore = results.find((result) => result.status === 'already-replayed');
  if (replayedBefore !== undefined) throw new AlreadyReplayedError(replayedBefore.id, replayedBefore.since);
}

function describeReplay(result: ReplayResult): string {
  switch (result.status) {
    case 'replayed':
      return `replayed ${result.id} to ${result.queue} (message ${result.messageId})`;
    case 'already-done':
      return `not replayed ${result.id}: its message is recorded as done (--force replays it)`;
    case 'already-replayed':
      return `not replayed ${result.id}: replayed already at ${result.since.toISOString()} (a letter is replayed once)`;
    case 'not-found':
      return `not found ${result.id}`;
  }
}

const purgeCommand: Command = {
  name: 'purge',
  summary: 'delete archived dead letters (asks first)',
  help: `Usage: conveyor dlq purge (--queue <queue> | <id>...) [--yes] [--json]

Deletes the stored records (not messages in a queue). Asks for confirmation on stderr and reads the
answer from stdin, unless --yes.`,
  async run(args, context) {
    const command = 'dlq purge';
    const { values, positionals } = parseCommandLine(command, args, {
      queue: { type: 'string' },
      yes: { type: 'boolean' },
    });
    if ((values.queue === undefined) === (positionals.length === 0)) {
      throw new UsageError('give --queue or the ids to purge (one of the two)', command);
    }
    const deadLetters = await openDeadLetterStore(context);
    const what =
      values.queue === undefined
        ? `${positionals.length} dead letter${positionals.length === 1 ? '' : 's'} (${positionals.join(', ')})`
        : `every dead letter of queue ${values.queue} (${await countOfQueue(context, values.queue)})`;
    if (values.yes !== true && !(await context.confirm(`Delete ${what}?`))) throw new CancelledError('purge');
    const purged = await deadLetters.purge(
      values.queue === undefined ? { ids: positionals } : { queue: values.queue },
    );
    context.output.result({ purged }, () => `purged ${purged} dead letter${purged === 1 ? '' : 's'}`);
  },
};

async function countOfQueue(context: CommandContext, queue: string): Promise<number> {
  const counts = await (await openDeadLetterStore(context)).countByQueue();
  return counts.find((count) => count.queue === queue)?.count ?? 0;
}

export const dlqCommand: Command = {
  name: 'dlq',
  summary: 'list, show, replay and purge dead letters',
  help: `Dead letters are read from MongoDB (MONGO_URL, MONGO_DB), where the scheduler's archiver stores
what reaches each <queue>.dlq; replay publishes through RabbitMQ (AMQP_URL).`,
  subcommands: [listCommand, showCommand, replayCommand, purgeCommand],
};
