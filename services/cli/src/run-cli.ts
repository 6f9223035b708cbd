// Runs one command line: resolve the command, print help or run it, close what it opened, and turn
// the outcome into an exit code (see exit-code.ts) with a clear message on stderr.
import { errorCode, errorMessage } from '@conveyor/contracts';
import type { CliIo } from './cli-io.ts';
import { createCommandContext } from './command-context.ts';
import { rootCommand } from './commands/index.ts';
import { GatewayRequestError } from './errors/gateway-request-error.ts';
import { InvalidMessageBodyError } from './errors/invalid-message-body-error.ts';
import { JobRefusedError } from './errors/job-refused-error.ts';
import { UsageError } from './errors/usage-error.ts';
import { ExitCode, exitCodeOf } from './exit-code.ts';
import { helpText } from './help-text.ts';
import { resolveCommand } from './resolve-command.ts';

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  // Options end at `--`; what follows is positional, even if it looks like --json or --help.
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const json = options.includes('--json');
  const wantsHelp = options.includes('--help') || options.includes('-h') || argv[0] === 'help';
  const args = argv[0] === 'help' ? argv.slice(1) : argv;
  const context = createCommandContext(io, json);
  let exitCode: ExitCode = ExitCode.ok;
  try {
    const { command, path, rest } = resolveCommand(rootCommand, args);
    if (wantsHelp) {
      io.stdout.write(helpText(command, path));
    } else if (command.run === undefined) {
      const names = (command.subcommands ?? []).map((sub) => sub.name).join('|');
      throw new UsageError(
        `missing command: conveyor ${[...path, `<${names}>`].join(' ')}`,
        path.join(' ') || undefined,
      );
    } else {
      await command.run(rest, context);
    }
  } catch (error) {
    exitCode = report(io, json, error);
  } finally {
    try {
      await context.close();
    } catch (error) {
      const closeCode = report(io, json, error);
      if (exitCode === ExitCode.ok) exitCode = closeCode;
    }
  }
  return exitCode;
}

function report(io: CliIo, json: boolean, error: unknown): ExitCode {
  const exitCode = exitCodeOf(error);
  if (json) {
    const body = {
      code: errorCode(error),
      message: errorMessage(error),
      details: detailsOf(error),
      exitCode,
    };
    io.stderr.write(`${JSON.stringify({ error: body })}\n`);
    return exitCode;
  }
  if (error instanceof InvalidMessageBodyError) {
    const fields = error.issues.map(
      (issue) => `  ${issue.field === '' ? '(body)' : issue.field}: ${issue.message}`,
    );
    io.stderr.write(`conveyor: invalid ${error.type} body:\n${fields.join('\n')}\n`);
    return exitCode;
  }
  io.stderr.write(`conveyor: ${errorMessage(error)}\n`);
  if (error instanceof UsageError) {
    io.stderr.write(
      `Run 'conveyor${error.command === undefined ? '' : ` ${error.command}`} --help' for usage.\n`,
    );
  }
  return exitCode;
}

/** What a script needs besides the message: the bad fields, or what the gateway said about them. */
function detailsOf(error: unknown): unknown {
  if (error instanceof InvalidMessageBodyError) return error.issues;
  if (error instanceof GatewayRequestError || error instanceof JobRefusedError) return error.details;
  return null;
}
