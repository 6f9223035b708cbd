// `npm start`'s broker setup against the real local RabbitMQ: a vhost of its own with the definitions'
// exchanges and policy, users of its own with permissions there only, and nothing changed in the
// default vhost or on a user it did not create. Each test run uses unique vhosts and deletes them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  amqpUrlFor,
  BrokerSetupRefusedError,
  conveyorManagedTag,
  conveyorUserPrefix,
  readBrokerState,
  removeConveyorVhost,
  serverUrls,
  setUpConveyorVhost,
  uniqueName,
  type BrokerState,
  type ConveyorVhost,
} from '../../support/index.ts';

const run = promisify(execFile);
const rabbitmqctl = (...args: string[]) => run('rabbitmqctl', args);
const amqpUrl = serverUrls().amqpUrl;

async function connects(url: string): Promise<boolean> {
  try {
    await (await amqp.connect(url)).close();
    return true;
  } catch {
    return false;
  }
}

describe('npm start’s own vhost on a shared RabbitMQ', () => {
  const vhost = `/${uniqueName('conveyor-test')}`;
  let before: BrokerState;
  let after: BrokerState;
  let setup: ConveyorVhost;

  beforeAll(async () => {
    before = await readBrokerState();
    setup = await setUpConveyorVhost({ amqpUrl, vhost });
    after = await readBrokerState();
  }, 90_000);

  afterAll(async () => {
    await removeConveyorVhost(setup);
  }, 60_000);

  it('creates the vhost, tagged as Conveyor’s, and the users named after it', () => {
    expect(setup.plan.createsVhost).toBe(true);
    expect(after.vhosts.find((candidate) => candidate.name === vhost)?.metadata?.tags).toEqual([
      conveyorManagedTag,
    ]);
    const prefix = conveyorUserPrefix(vhost);
    expect([...setup.plan.createdUsers].sort()).toEqual(
      [
        'dashboard',
        'demo-worker',
        'fulfilment-worker',
        'gateway',
        'job-worker',
        'notifier',
        'operator',
        'scheduler',
        'worker',
      ].map((name) => `${prefix}${name}`),
    );
  });

  it('adds no policy, user or permission to the default vhost, and creates no administrator', () => {
    const policiesIn = (state: BrokerState, name: string) =>
      state.policies.filter((policy) => policy.vhost === name).map((policy) => policy.name);
    expect(policiesIn(after, '/')).not.toContain('conveyor-events-unroutable');
    expect(policiesIn(after, '/').filter((name) => !policiesIn(before, '/').includes(name))).toEqual([]);
    const created = new Set(setup.plan.createdUsers);
    const newUsers = after.users.filter((user) => !before.users.some((old) => old.name === user.name));
    expect(newUsers.filter((user) => created.has(user.name))).toHaveLength(created.size);
    expect(newUsers.every((user) => user.tags.join(',') === conveyorManagedTag)).toBe(true);
    expect(after.permissions.filter((grant) => created.has(grant.user) && grant.vhost !== vhost)).toEqual([]);
  });

  it('puts the unroutable-events policy and the shared exchanges in the chosen vhost', async () => {
    expect(after.policies.filter((policy) => policy.vhost === vhost).map((policy) => policy.name)).toContain(
      'conveyor-events-unroutable',
    );
    const connection = await amqp.connect(setup.urlFor('gateway'));
    try {
      const channel = await connection.createChannel();
      await channel.checkExchange('conveyor.events');
      await channel.checkExchange('conveyor.unroutable');
    } finally {
      await connection.close();
    }
  });

  it('lets each service user into the chosen vhost and not into the default one', async () => {
    const gateway = setup.definitions.users.find(
      (user) => user.name === `${conveyorUserPrefix(vhost)}gateway`,
    );
    if (gateway === undefined) throw new Error('no gateway user in the loaded definitions');
    expect(await connects(setup.urlFor('gateway'))).toBe(true);
    expect(await connects(amqpUrlFor(amqpUrl, gateway, '/'))).toBe(false);
  });

  it('on the next start updates its own users and clears a grant they gained on another vhost', async () => {
    const elsewhere = `/${uniqueName('conveyor-elsewhere')}`;
    const gateway = `${conveyorUserPrefix(vhost)}gateway`;
    await rabbitmqctl('add_vhost', elsewhere);
    try {
      await rabbitmqctl('set_permissions', '-p', elsewhere, gateway, '.*', '.*', '.*');
      const again = await setUpConveyorVhost({ amqpUrl, vhost });
      expect(again.plan.createsVhost).toBe(false);
      expect(again.plan.createdUsers).toEqual([]);
      expect(again.plan.updatedUsers).toHaveLength(setup.plan.createdUsers.length);
      expect(again.plan.strayGrants).toEqual([{ user: gateway, vhost: elsewhere }]);
      const state = await readBrokerState();
      expect(state.permissions.filter((grant) => grant.user === gateway).map((grant) => grant.vhost)).toEqual(
        [vhost],
      );
    } finally {
      await rabbitmqctl('delete_vhost', elsewhere);
    }
  }, 90_000);
});

describe('npm start meeting broker objects it did not create', () => {
  it('refuses, and leaves alone, a user of the same name that it did not create', async () => {
    const vhost = `/${uniqueName('conveyor-test')}`;
    const squatter = `${conveyorUserPrefix(vhost)}operator`;
    await rabbitmqctl('add_user', squatter, 'someone-elses-password');
    try {
      await expect(setUpConveyorVhost({ amqpUrl, vhost })).rejects.toThrow(BrokerSetupRefusedError);
      const state = await readBrokerState();
      expect(state.users.find((user) => user.name === squatter)?.tags).toEqual([]);
      expect(state.vhosts.some((candidate) => candidate.name === vhost)).toBe(false);
      expect(state.permissions.filter((grant) => grant.user === squatter)).toEqual([]);
    } finally {
      await rabbitmqctl('delete_user', squatter);
    }
  }, 60_000);

  it('refuses a vhost of the same name that it did not create', async () => {
    const vhost = `/${uniqueName('conveyor-test')}`;
    await rabbitmqctl('add_vhost', vhost);
    try {
      await expect(setUpConveyorVhost({ amqpUrl, vhost })).rejects.toThrow(/not created by npm start/);
      const state = await readBrokerState();
      expect(state.users.some((user) => user.name.startsWith(conveyorUserPrefix(vhost)))).toBe(false);
    } finally {
      await rabbitmqctl('delete_vhost', vhost);
    }
  }, 60_000);
});
