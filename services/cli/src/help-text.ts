// What --help prints: a leaf command's own text, or for a group its sub-commands and notes.
import type { Command } from './command.ts';

export function helpText(command: Command, path: readonly string[]): string {
  const name = ['conveyor', ...path].join(' ');
  const header = `${name} — ${command.summary}`;
  if (command.subcommands === undefined) return `${header}\n\n${command.help}\n`;
  const width = Math.max(...command.subcommands.map((sub) => sub.name.length));
  return [
    header,
    '',
    `Usage: ${name} <command> [options]`,
    '',
    'Commands:',
    ...command.subcommands.map((sub) => `  ${sub.name.padEnd(width)}  ${sub.summary}`),
    '',
    command.help,
    '',
    `Run '${name} <command> --help' for a command's usage and options.`,
    '',
  ].join('\n');
}
