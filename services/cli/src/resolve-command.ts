// Finds the command an argument list names (`dlq replay ...` → the replay command) and what follows it.
import type { Command } from './command.ts';
import { UsageError } from './errors/usage-error.ts';

export interface ResolvedCommand {
  command: Command;
  /** The names walked from the root, e.g. ['dlq', 'replay']. */
  path: string[];
  rest: string[];
}

export function resolveCommand(root: Command, args: readonly string[]): ResolvedCommand {
  let command = root;
  const path: string[] = [];
  let rest = [...args];
  while (command.subcommands !== undefined) {
    const next = rest[0];
    if (next === undefined || next.startsWith('-')) break;
    const sub = command.subcommands.find((candidate) => candidate.name === next);
    if (sub === undefined) {
      throw new UsageError(`unknown command '${[...path, next].join(' ')}'`, path.join(' ') || undefined);
    }
    command = sub;
    path.push(next);
    rest = rest.slice(1);
  }
  return { command, path, rest };
}
