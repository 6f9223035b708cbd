// The broker's users and permissions from deploy/rabbitmq/definitions.json, loaded with rabbitmqctl as
// a copy in a private vhost under prefixed user names: a test's, or `npm start`'s own (broker-vhost.ts).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';
import { z } from 'zod';
import { CommandFailedError } from './command-failed-error.ts';
import { rabbitmqctlPath } from './broker-rabbitmqctl.ts';
import { runCommand } from './run-command.ts';
import { waitFor } from './wait-for.ts';

export const brokerDefinitionsPath = fileURLToPath(
  new URL('../../deploy/rabbitmq/definitions.json', import.meta.url),
);

const permission = z.strictObject({
  user: z.string(),
  vhost: z.string(),
  configure: z.string(),
  write: z.string(),
  read: z.string(),
});

const withVhost = z.looseObject({ vhost: z.string() });

/** A policy as `rabbitmqctl import_definitions` takes it (e.g. the events exchange's alternate exchange). */
const policy = z.strictObject({
  vhost: z.string(),
  name: z.string(),
  pattern: z.string(),
  'apply-to': z.enum(['exchanges', 'queues', 'all']),
  priority: z.number().int(),
  definition: z.record(z.string(), z.unknown()),
});

const brokerDefinitionsSchema = z.strictObject({
  vhosts: z.array(
    z.strictObject({
      name: z.string(),
      /** Set when the import creates the vhost; `npm start` tags its own vhost this way. */
      metadata: z.strictObject({ description: z.string(), tags: z.array(z.string()) }).optional(),
    }),
  ),
  users: z.array(z.strictObject({ name: z.string(), password: z.string(), tags: z.array(z.string()) })),
  permissions: z.array(permission),
  exchanges: z.array(withVhost),
  queues: z.array(withVhost),
  bindings: z.array(withVhost),
  policies: z.array(policy).default([]),
});

export type BrokerDefinitions = z.infer<typeof brokerDefinitionsSchema>;
export type BrokerUser = BrokerDefinitions['users'][number];

export async function readBrokerDefinitions(path = brokerDefinitionsPath): Promise<BrokerDefinitions> {
  return brokerDefinitionsSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}

/** The user of that name; throws when the definitions have none (a service without its own user). */
export function brokerUser(definitions: BrokerDefinitions, name: string): BrokerUser {
  const user = definitions.users.find((candidate) => candidate.name === name);
  if (user === undefined) throw new Error(`deploy/rabbitmq/definitions.json has no user ${name}`);
  return user;
}

/** `baseUrl` (its host and port) with the user's credentials, and the vhost when one is given. */
export function amqpUrlFor(baseUrl: string, user: BrokerUser, vhost?: string): string {
  const url = new URL(baseUrl);
  url.username = encodeURIComponent(user.name);
  url.password = encodeURIComponent(user.password);
  if (vhost !== undefined) url.pathname = `/${encodeURIComponent(vhost)}`;
  return url.toString();
}

/**
 * The same users, permissions and topology in `vhost`, each user named `<userPrefix><name>`: a test
 * gets the real permission patterns without touching the users of the shared broker.
 */
export function privateBrokerDefinitions(
  definitions: BrokerDefinitions,
  scope: { vhost: string; userPrefix: string },
): BrokerDefinitions {
  const inVhost = <T extends { vhost: string }>(items: readonly T[]): T[] =>
    items.map((item) => ({ ...item, vhost: scope.vhost }));
  return {
    vhosts: [{ name: scope.vhost }],
    users: definitions.users.map((user) => ({ ...user, name: `${scope.userPrefix}${user.name}` })),
    permissions: inVhost(definitions.permissions).map((grant) => ({
      ...grant,
      user: `${scope.userPrefix}${grant.user}`,
    })),
    exchanges: inVhost(definitions.exchanges),
    queues: inVhost(definitions.queues),
    bindings: inVhost(definitions.bindings),
    policies: inVhost(definitions.policies),
  };
}

/**
 * Imports the definitions into the local node (`rabbitmqctl import_definitions`, idempotent) and
 * waits until every user can open a connection to its vhost: the import finishes asynchronously.
 */
export async function loadBrokerDefinitions(definitions: BrokerDefinitions, amqpUrl: string): Promise<void> {
  // On standard input: rabbitmqctl may run as the rabbitmq user, who cannot read a private temp file.
  await importFromStdin(await rabbitmqctlPath(), JSON.stringify(definitions));
  for (const grant of definitions.permissions) {
    const url = amqpUrlFor(amqpUrl, brokerUser(definitions, grant.user), grant.vhost);
    await waitFor(() => connects(url), { what: `broker user ${grant.user} usable`, timeoutMs: 20_000 });
  }
}

function importFromStdin(command: string, json: string): Promise<void> {
  // No file argument: rabbitmqctl 3.10 takes `-` for a file name, but reads standard input without one.
  const args = ['import_definitions', '--format', 'json'];
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { timeout: 60_000, encoding: 'utf8' }, (error, _stdout, stderr) => {
      if (error === null) resolve();
      else
        reject(
          new CommandFailedError([command, ...args].join(' '), stderr || error.message, { cause: error }),
        );
    });
    child.stdin?.end(json);
  });
}

async function connects(url: string): Promise<boolean> {
  try {
    const connection = await amqp.connect(url);
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

/**
 * Deletes the vhosts (with everything in them) and the users of a `privateBrokerDefinitions` copy.
 * Every deletion is attempted, so a half-loaded copy is cleaned up too; the first failure is thrown.
 */
export async function removeBrokerDefinitions(definitions: BrokerDefinitions): Promise<void> {
  const command = await rabbitmqctlPath();
  const deletions = [
    ...definitions.vhosts.map((vhost) => ['delete_vhost', vhost.name]),
    ...definitions.users.map((user) => ['delete_user', user.name]),
  ];
  // At once: each rabbitmqctl call starts an Erlang VM, a second or two apiece.
  const results = await Promise.allSettled(deletions.map((args) => runCommand(command, args)));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
}
