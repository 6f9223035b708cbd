import type { ServerSpec } from './server-specs.ts';

/** No way to reach or start a server the suite needs; the message says what to start. */
export class ServerUnavailableError extends Error {
  readonly code = 'TEST_SERVER_UNAVAILABLE';
  readonly server: ServerSpec['kind'];

  constructor(spec: ServerSpec, reason: string, options?: ErrorOptions) {
    super(
      `${spec.title} is not available: ${spec.envVar} is unset, no Docker engine answers, ` +
        `nothing answers at ${spec.defaultUrl}, and ${reason}. ` +
        `Start ${spec.title} at ${spec.defaultUrl} or set ${spec.envVar}.`,
      options,
    );
    this.name = 'ServerUnavailableError';
    this.server = spec.kind;
  }
}
