// Reusable zod fields for environment variables: everything arrives as a string.
import { z } from 'zod';

export const envUrl = (protocols: readonly string[]) =>
  z
    .url({ message: `must be a URL (${protocols.join(', ')})` })
    .refine((value) => protocols.some((protocol) => value.startsWith(`${protocol}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

export const envPort = z.coerce
  .number({ message: 'must be a port number' })
  .int({ message: 'must be a whole number' })
  .min(0, { message: 'must be between 0 and 65535' })
  .max(65535, { message: 'must be between 0 and 65535' });

export const envPositiveInt = z.coerce
  .number({ message: 'must be a number' })
  .int({ message: 'must be a whole number' })
  .positive({ message: 'must be greater than 0' });

/** A whole number of 0 or more (a duration in milliseconds where 0 turns something off). */
export const envNonNegativeInt = z.coerce
  .number({ message: 'must be a number' })
  .int({ message: 'must be a whole number' })
  .min(0, { message: 'must be 0 or more' });

/** A number above 0, fractions allowed (a rate per second: `0.2` is one every 5 s). */
export const envPositiveNumber = z.coerce
  .number({ message: 'must be a number' })
  .positive({ message: 'must be greater than 0' });

export const envBoolean = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

export const envLogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
  message: 'must be one of fatal, error, warn, info, debug, trace, silent',
});

/**
 * What every Conveyor service process reads: its connections (local-development defaults only), its
 * log level and trace export, and its stop budget.
 */
export const commonEnv = {
  AMQP_URL: envUrl(['amqp', 'amqps']).default('amqp://guest:guest@127.0.0.1:5672'),
  /**
   * The deployment's shared exchanges are `<prefix>.events`, `<prefix>.dlx`, `<prefix>.unroutable` and
   * `<prefix>.retry.<tier>`: every service of one deployment gives the same. Another prefix lets a second
   * deployment share the vhost (with its own queue names); its own vhost is the simpler isolation.
   * (The pattern is @conveyor/bus's exchangePrefixPattern, which this lib cannot import.)
   */
  EXCHANGE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/, {
      message: 'must be dot-separated words of letters, digits, _ and - (e.g. conveyor or acme.staging)',
    })
    .default('conveyor'),
  MONGO_URL: envUrl(['mongodb', 'mongodb+srv']).default('mongodb://127.0.0.1:27017'),
  MONGO_DB: z.string().min(1).default('conveyor'),
  NATS_URL: envUrl(['nats', 'tls']).default('nats://127.0.0.1:4222'),
  LOG_LEVEL: envLogLevel.default('info'),
  /**
   * conveyor_mongodb_commands_total: every command counted by collection, from the driver's command
   * monitoring. Off by default: monitoring makes the driver decode every reply once more.
   */
  MONGO_COMMAND_METRICS: envBoolean.default(false),
  OTEL_EXPORTER_OTLP_ENDPOINT: envUrl(['http', 'https']).optional(),
  /**
   * How long a stop (SIGTERM) lets work in flight finish; then handlers still running are aborted, their
   * messages requeued, and the process exits. The default fits Kubernetes' 30 s grace period.
   */
  SHUTDOWN_TIMEOUT_MS: envPositiveInt.default(25_000),
};
