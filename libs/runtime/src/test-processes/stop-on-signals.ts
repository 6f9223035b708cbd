// A process for shutdown.test.ts: a stop with a 100 ms budget (and 100 ms to hand back) that never
// ends when STOP=hangs, or ends at once. It logs `ready` once its signal handlers are in place.
import { createLogger } from '@conveyor/telemetry';
import { stopOnSignals } from '../shutdown.ts';

const logger = createLogger({ name: 'stop-on-signals-process', level: 'info' });
// Stands for the servers a service keeps open: the process lives until it is stopped.
const keepAlive = setInterval(() => undefined, 60_000);
stopOnSignals(logger, { timeoutMs: 100, handBackMs: 100 }, async () => {
  if (process.env.STOP === 'hangs') await new Promise<never>(() => undefined);
  clearInterval(keepAlive);
});
logger.info('ready');
