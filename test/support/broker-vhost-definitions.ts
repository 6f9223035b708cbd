// What `npm start` loads into a shared RabbitMQ node: deploy/rabbitmq/definitions.json moved into a vhost
// of its own, with users of its own (named after the vhost and tagged as Conveyor's), never the default
// vhost and never a user someone else created.
import { privateBrokerDefinitions, type BrokerDefinitions } from './broker-users.ts';
import { BrokerSetupRefusedError } from './broker-setup-refused-error.ts';

/** Marks the users and the vhost `npm start` created, so that a later start may update them. */
export const conveyorManagedTag = 'conveyor-managed';

/**
 * The prefix of the users of `vhost`: its name without the leading slash, made safe for a user name
 * (`/conveyor` → `conveyor-`). Users belong to the node, not to a vhost, hence one set per vhost.
 */
export function conveyorUserPrefix(vhost: string): string {
  const stem = vhost.replace(/^\//, '').replace(/[^A-Za-z0-9_.-]/g, '-');
  if (stem === '') throw new BrokerSetupRefusedError(`vhost ${JSON.stringify(vhost)} is the default vhost`);
  return `${stem}-`;
}

/**
 * The definitions in `vhost` under prefixed user names, for the users that have no tag only (the
 * services and the CLI's operator): a tag such as `administrator` or `monitoring` grants management
 * rights over every vhost of the node, which a development start must not hand out.
 */
export function conveyorVhostDefinitions(definitions: BrokerDefinitions, vhost: string): BrokerDefinitions {
  if (vhost === '/' || vhost === '')
    throw new BrokerSetupRefusedError('npm start never loads its definitions into the default vhost /');
  const untagged = new Set(
    definitions.users.filter((user) => user.tags.length === 0).map((user) => user.name),
  );
  const moved = privateBrokerDefinitions(
    {
      ...definitions,
      users: definitions.users.filter((user) => untagged.has(user.name)),
      permissions: definitions.permissions.filter((grant) => untagged.has(grant.user)),
    },
    { vhost, userPrefix: conveyorUserPrefix(vhost) },
  );
  return {
    ...moved,
    vhosts: [{ name: vhost, metadata: { description: 'Conveyor (npm start)', tags: [conveyorManagedTag] } }],
    users: moved.users.map((user) => ({ ...user, tags: [conveyorManagedTag] })),
  };
}
