// The dead-letter store and the replayer over the command's connections (MongoDB; RabbitMQ only for
// replay), as @conveyor/store and @conveyor/dead-letters provide them, loaded on use (see connections.ts).
import type { Replayer } from '@conveyor/dead-letters';
import type { DeadLetterStore } from '@conveyor/store';
import type { CommandContext } from '../command-context.ts';

export async function openDeadLetterStore(context: CommandContext): Promise<DeadLetterStore> {
  const { createDeadLetterStore } = await import('@conveyor/store');
  return createDeadLetterStore(await context.connections().store());
}

export async function openReplayer(context: CommandContext, deadLetters: DeadLetterStore): Promise<Replayer> {
  const connections = context.connections();
  const [store, bus, { createInbox }, { createReplayClaims, createReplayer }] = await Promise.all([
    connections.store(),
    connections.bus(),
    import('@conveyor/store'),
    import('@conveyor/dead-letters'),
  ]);
  return createReplayer({
    publisher: bus.publisher,
    deadLetters,
    inbox: createInbox(store),
    claims: createReplayClaims(store),
    logger: context.logger(),
  });
}

/** Ids of the letters of a queue (and reason) not replayed yet, oldest page last, as listed. */
export async function unreplayedIds(
  deadLetters: DeadLetterStore,
  filter: { queue: string; reason?: string | undefined },
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await deadLetters.list({
      queue: filter.queue,
      ...(filter.reason === undefined ? {} : { reason: filter.reason }),
      limit: 500,
      after,
    });
    ids.push(...page.entries.filter((entry) => entry.replayedAt === null).map((entry) => entry.id));
    after = page.next ?? undefined;
  } while (after !== undefined);
  return ids;
}
