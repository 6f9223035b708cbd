import { RetryableError } from '@conveyor/contracts';

/** RabbitMQ, MongoDB, NATS or the gateway did not answer at the configured URL (credentials masked). */
export class ServerUnreachableError extends RetryableError {
  readonly server: string;

  constructor(server: string, url: string, reason: string, options?: ErrorOptions) {
    super('SERVER_UNREACHABLE', `cannot reach ${server} at ${url}: ${reason}`, options);
    this.server = server;
  }
}
