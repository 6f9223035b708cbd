import { RetryableError } from '@conveyor/contracts';
import { CliErrorCode } from './cli-error-codes.ts';

/** RabbitMQ, MongoDB, NATS or the gateway did not answer at the configured URL (credentials masked). */
export class ServerUnreachableError extends RetryableError {
  readonly server: string;

  constructor(server: string, url: string, reason: string, options?: ErrorOptions) {
    super(CliErrorCode.serverUnreachable, `cannot reach ${server} at ${url}: ${reason}`, options);
    this.server = server;
  }
}
