// Before a logger exists, a wrong environment variable is reported plainly on stderr and stops
// start-up with EX_CONFIG (78), naming every bad variable.
import { ConfigError } from '@conveyor/config';

export function readConfigOrExit<C>(serviceName: string, read: () => C): C {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${serviceName}: ${error.message}\n`);
    process.exit(78);
  }
}
