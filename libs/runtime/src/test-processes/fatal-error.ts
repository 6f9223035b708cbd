// A process for exit-on-fatal-errors.test.ts: installs the runtime's fatal-error handling, then fails
// the way FAIL says. The messages carry an API key, which the logger's redaction must mask.
import { createLogger } from '@conveyor/telemetry';
import { DependencyUnavailableError } from '../dependency-unavailable-error.ts';
import { exitOnFatalErrors } from '../exit-on-fatal-errors.ts';

const apiKey = 'cvk_abcdefgh_0123456789abcdefSECRET';
exitOnFatalErrors(createLogger({ name: 'fatal-error-process', level: 'info' }));

switch (process.env.FAIL) {
  case 'exception':
    setTimeout(() => {
      throw new Error(`thrown while holding ${apiKey}`);
    }, 0);
    break;
  case 'unavailable':
    void Promise.reject(
      new DependencyUnavailableError(
        'broker',
        'amqp://conveyor:hunter2@127.0.0.1:1',
        new Error('ECONNREFUSED'),
      ),
    );
    break;
  default:
    void Promise.reject(new Error(`rejected while holding ${apiKey}`));
}
