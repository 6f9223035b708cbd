// Feeds conveyor_mongodb_commands_total from the store's command listener (StoreOptions.onCommand).
import type { Metrics } from './metrics.ts';

/** The store's DatabaseCommand, by shape: metrics does not depend on the store. */
export interface CountedCommand {
  name: string;
  collection?: string;
}

export function countedIn(metrics: Metrics): (command: CountedCommand) => void {
  return ({ name, collection }) =>
    metrics.databaseCommands.inc({ command: name, collection: collection ?? '' });
}
