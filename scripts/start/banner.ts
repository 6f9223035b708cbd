// The lines `npm start` prints once every service is ready: where each one answers and how to use the
// local-development keys.
import type { StackProcess } from './stack-processes.ts';

export interface BannerFacts {
  readonly processes: readonly StackProcess[];
  readonly gatewayUrl: string;
  readonly dashboardUrl: string;
  readonly dashboardKey: string;
  readonly apiKey: string;
  readonly mail: string;
  readonly servers: { readonly amqpUrl: string; readonly mongoUrl: string; readonly natsUrl: string };
  readonly cliAmqpUrl: string | undefined;
  /** For users' own workers (@conveyor/sdk); undefined when there is none to give. */
  readonly workerAmqpUrl: string | undefined;
}

const withoutCredentials = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

export function banner(facts: BannerFacts): string[] {
  const { gatewayUrl, apiKey } = facts;
  const workers = facts.processes.filter(
    (process) => process.service !== 'gateway' && process.service !== 'dashboard',
  );
  return [
    '',
    'Conveyor is running (a crashed service is restarted; Ctrl-C stops everything):',
    `  API        ${gatewayUrl}/v1   (OpenAPI: ${gatewayUrl}/docs)`,
    ...workers.map((process) => `  ${process.name.padEnd(20)} http://127.0.0.1:${process.port}/readyz`),
    `  mail       ${facts.mail}`,
    `  dashboard  ${facts.dashboardUrl}   (log in with ${facts.dashboardKey}: local development only)`,
    `  API key    ${apiKey}   (local development only, tenant "default")`,
    `             curl -H 'Authorization: Bearer ${apiKey}' ${gatewayUrl}/v1/schedules`,
    `             export CONVEYOR_API_KEY=${apiKey}   # for the conveyor CLI`,
    ...(facts.cliAmqpUrl === undefined
      ? []
      : [
          `             export AMQP_URL='${facts.cliAmqpUrl}'   # the CLI's broker user (local development only)`,
        ]),
    ...(facts.workerAmqpUrl === undefined
      ? []
      : [
          `  your jobs  AMQP_URL='${facts.workerAmqpUrl}' MONGO_URL='${facts.servers.mongoUrl}' NATS_URL='${facts.servers.natsUrl}' CONVEYOR_URL=${gatewayUrl}`,
          `             with the API key above: a worker of your own (@conveyor/sdk, libs/sdk/README.md) joins this stack (local development only)`,
        ]),
    `  RabbitMQ   ${withoutCredentials(facts.servers.amqpUrl)}   MongoDB ${withoutCredentials(facts.servers.mongoUrl)}   NATS ${withoutCredentials(facts.servers.natsUrl)}`,
  ];
}
