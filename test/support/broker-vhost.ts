// Sets up `npm start`'s own vhost on the local RabbitMQ node (rabbitmqctl): the exchanges, queues and
// policy of deploy/rabbitmq/definitions.json in that vhost, and users of its own with permissions there
// only. The default vhost and every user it did not create are left as they were.
import { rabbitmqctlPath } from './broker-rabbitmqctl.ts';
import { readBrokerState } from './broker-state.ts';
import {
  amqpUrlFor,
  brokerUser,
  loadBrokerDefinitions,
  readBrokerDefinitions,
  removeBrokerDefinitions,
  type BrokerDefinitions,
} from './broker-users.ts';
import { conveyorUserPrefix, conveyorVhostDefinitions } from './broker-vhost-definitions.ts';
import { planConveyorVhost, type ConveyorVhostPlan } from './broker-vhost-plan.ts';
import { runCommand } from './run-command.ts';

export interface ConveyorVhost {
  readonly vhost: string;
  /** What was loaded: the vhost, its users (prefixed names, local-development passwords), the topology. */
  readonly definitions: BrokerDefinitions;
  /** What the setup created and what it updated. */
  readonly plan: ConveyorVhostPlan;
  /** The URL of `name`'s user (a service, or `operator` for the CLI) in the vhost, on the given broker. */
  urlFor(name: string): string;
}

export interface SetUpConveyorVhostOptions {
  /** The local node's AMQP URL: its host and port are kept, the user and vhost replaced. */
  readonly amqpUrl: string;
  readonly vhost: string;
  /** Default: deploy/rabbitmq/definitions.json. */
  readonly definitions?: BrokerDefinitions;
}

export async function setUpConveyorVhost(options: SetUpConveyorVhostOptions): Promise<ConveyorVhost> {
  const { amqpUrl, vhost } = options;
  const definitions = conveyorVhostDefinitions(options.definitions ?? (await readBrokerDefinitions()), vhost);
  const plan = planConveyorVhost(await readBrokerState(), definitions);
  const command = await rabbitmqctlPath();
  for (const grant of plan.strayGrants)
    await runCommand(command, ['clear_permissions', '-p', grant.vhost, grant.user]);
  await loadBrokerDefinitions(definitions, amqpUrl);
  const prefix = conveyorUserPrefix(vhost);
  return {
    vhost,
    definitions,
    plan,
    urlFor: (name) => amqpUrlFor(amqpUrl, brokerUser(definitions, `${prefix}${name}`), vhost),
  };
}

/** Deletes the vhost (with everything in it) and its users: for tests, never done by `npm start`. */
export function removeConveyorVhost(setup: ConveyorVhost): Promise<void> {
  return removeBrokerDefinitions(setup.definitions);
}
