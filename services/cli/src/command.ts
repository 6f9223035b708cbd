// A command of the CLI: its name, a one-line summary, the text --help shows, and either sub-commands
// (`orders place|get|watch`) or its own run.
import type { CommandContext } from './command-context.ts';

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage, options and examples; for a group, notes shown below its list of sub-commands. */
  readonly help: string;
  readonly subcommands?: readonly Command[];
  /** `args` are what follows the command's name. Not called for groups. */
  run?(args: readonly string[], context: CommandContext): Promise<void>;
}
