// How the services reach RabbitMQ under `npm start`, and what npm start changed on the broker to get
// there (printed). The caller's AMQP_URL is used as given and nothing is changed. On the local node,
// npm start keeps to a vhost and users of its own (setUpConveyorVhost); the default vhost and users it
// did not create are left alone. A broker started for this run only (a container) is used as guest.
import {
  canLoadBrokerDefinitions,
  conveyorManagedTag,
  SERVER_SPECS,
  setUpConveyorVhost,
  type ConveyorVhost,
} from '@conveyor/test/support';

export interface BrokerAccess {
  /** The AMQP URL `service` connects with. */
  urlOf(service: string): string;
  /** The URL the conveyor CLI should use (the operator's user), when npm start made one. */
  readonly cliUrl: string | undefined;
  /** The URL users' own workers (@conveyor/sdk) should use (the `worker` user: `jobs.*` queues). */
  readonly workerUrl: string | undefined;
}

export interface BrokerAccessOptions {
  /** The caller's AMQP_URL, if any. */
  readonly callerAmqpUrl: string | undefined;
  /** The broker the server resolution found or started. */
  readonly resolvedAmqpUrl: string;
  readonly vhost: string;
}

export async function brokerAccess(
  options: BrokerAccessOptions,
  say: (line: string) => void,
): Promise<BrokerAccess> {
  const asGiven = (url: string): BrokerAccess => ({ urlOf: () => url, cliUrl: undefined, workerUrl: url });
  if (options.callerAmqpUrl !== undefined) {
    say(
      'RabbitMQ: AMQP_URL is set, so every service uses it as given; npm start changes nothing on that broker',
    );
    return asGiven(options.callerAmqpUrl);
  }
  if (options.resolvedAmqpUrl !== SERVER_SPECS.rabbitmq.defaultUrl) {
    say('RabbitMQ: a broker started for this run only; every service connects as guest');
    return asGiven(options.resolvedAmqpUrl);
  }
  if (!(await canLoadBrokerDefinitions())) {
    say(
      'RabbitMQ: rabbitmqctl is not installed, so npm start cannot make a vhost of its own; every service ' +
        'connects as guest to the default vhost (set AMQP_URL to choose a vhost and user yourself)',
    );
    return asGiven(options.resolvedAmqpUrl);
  }
  const setup = await setUpConveyorVhost({ amqpUrl: options.resolvedAmqpUrl, vhost: options.vhost });
  for (const line of describeSetup(setup)) say(line);
  return {
    urlOf: (service) => setup.urlFor(service),
    cliUrl: setup.urlFor('operator'),
    workerUrl: setup.urlFor('worker'),
  };
}

function describeSetup(setup: ConveyorVhost): string[] {
  const { plan, vhost } = setup;
  const list = (names: readonly string[]) => (names.length === 0 ? 'none' : names.join(', '));
  return [
    plan.createsVhost
      ? `RabbitMQ: created vhost ${vhost} (tag ${conveyorManagedTag}) with the exchanges, retry tiers and policies of deploy/rabbitmq/definitions.json`
      : `RabbitMQ: vhost ${vhost} (from an earlier npm start): loaded the exchanges, retry tiers and policies of deploy/rabbitmq/definitions.json again`,
    `  users created: ${list(plan.createdUsers)} (tag ${conveyorManagedTag}, local-development passwords)`,
    ...(plan.updatedUsers.length > 0
      ? [`  users updated (password, permissions): ${list(plan.updatedUsers)}`]
      : []),
    ...plan.strayGrants.map((grant) => `  cleared the permissions of ${grant.user} on vhost ${grant.vhost}`),
    `  each service connects as its own user, with permissions on ${vhost} only; the default vhost and every other user are untouched`,
  ];
}
