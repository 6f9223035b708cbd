// What a command gets: output, the interrupt signal, and config, connections and the gateway on first
// use, so `--help` and local errors work without a valid environment or a reachable server.
import { pino, type Logger } from 'pino';
import { readCliConfig, type CliConfig } from './cli-config.ts';
import type { CliIo } from './cli-io.ts';
import { confirm } from './confirm.ts';
import { Connections } from './connections.ts';
import { UsageError } from './errors/usage-error.ts';
import { GatewayClient } from './gateway/gateway-client.ts';
import { createOutput, type Output } from './output.ts';
import { progressBar, type Progress } from './progress-bar.ts';

export interface CommandContext {
  readonly io: CliIo;
  readonly output: Output;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
  config(): Readonly<CliConfig>;
  /** Library logs (connection trouble) on stderr, at LOG_LEVEL (default warn). */
  logger(): Logger;
  connections(): Connections;
  /** The gateway, called with `apiKey` (--api-key) or else CONVEYOR_API_KEY; neither is a usage error. */
  gateway(apiKey: string | undefined): GatewayClient;
  progress(label: string, total: number): Progress;
  confirm(question: string): Promise<boolean>;
}

export interface OwnedCommandContext extends CommandContext {
  /** Closes whatever connections the command opened. Idempotent. */
  close(): Promise<void>;
}

const missingApiKeyMessage =
  'no API key for the gateway: set CONVEYOR_API_KEY or pass --api-key ' +
  '(create one with: conveyor keys create --tenant <id>)';

export function createCommandContext(io: CliIo, json: boolean): OwnedCommandContext {
  let config: Readonly<CliConfig> | undefined;
  let connections: Connections | undefined;
  let logger: Logger | undefined;
  const readConfig = () => (config ??= readCliConfig(io.env));
  const readLogger = () =>
    (logger ??= pino({ name: 'conveyor-cli', level: readConfig().LOG_LEVEL }, io.stderr));
  return {
    io,
    output: createOutput(io, json),
    signal: io.interrupted,
    config: readConfig,
    logger: readLogger,
    connections: () => (connections ??= new Connections(readConfig(), readLogger())),
    gateway: (apiKey) => {
      const { GATEWAY_URL, CONVEYOR_API_KEY } = readConfig();
      const key = apiKey ?? CONVEYOR_API_KEY;
      if (key === undefined) throw new UsageError(missingApiKeyMessage);
      return new GatewayClient(GATEWAY_URL, key, io.interrupted);
    },
    progress: (label, total) => progressBar(io.stderr, label, total),
    confirm: (question) => confirm(io, question),
    close: () => connections?.close() ?? Promise.resolve(),
  };
}
