// Every command this process sends to the database, named for counting (metrics, benchmarks): the
// driver's command monitoring reports each one, retries and getMores included, so a count is the
// number of round trips the process made, by command and collection.
import type { CommandStartedEvent, MongoClient } from 'mongodb';

export interface DatabaseCommand {
  /** The command's name as sent: `insert`, `find`, `update`, `getMore`, `ping`… */
  name: string;
  /** The collection it acts on; none for database commands (`ping`, `endSessions`). */
  collection?: string;
}

export type DatabaseCommandListener = (command: DatabaseCommand) => void;

export function countCommands(client: MongoClient, listener: DatabaseCommandListener): void {
  client.on('commandStarted', (event: CommandStartedEvent) => {
    const target: unknown = event.command[event.commandName];
    // A getMore names its cursor's collection under `collection`, not under its own name.
    const cursorTarget: unknown = event.command['collection'];
    const collection = typeof target === 'string' ? target : cursorTarget;
    listener(
      typeof collection === 'string' ? { name: event.commandName, collection } : { name: event.commandName },
    );
  });
}
