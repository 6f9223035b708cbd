// A wrong environment variable stops start-up with EX_CONFIG (78) and one JSON log line naming every
// bad variable (the ConfigError's `issues`, in `err`). The config (and its LOG_LEVEL) is what failed,
// so that line comes from a logger of its own at level info; any other failure to read the config is
// logged the same way, with its exit code.
import { errorMessage } from '@conveyor/contracts';
import { createLogger } from '@conveyor/telemetry';
import { exitCodeOf } from './exit-codes.ts';

export function readConfigOrExit<C>(serviceName: string, read: () => C): C {
  try {
    return read();
  } catch (error) {
    const exitCode = exitCodeOf(error);
    createLogger({ name: serviceName, level: 'info' }).fatal(
      { err: error, exitCode },
      `exiting (${exitCode}): ${errorMessage(error)}`,
    );
    process.exit(exitCode);
  }
}
