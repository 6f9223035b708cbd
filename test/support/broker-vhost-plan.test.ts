import { describe, expect, it } from 'vitest';
import { parseBrokerState, type BrokerState } from './broker-state.ts';
import { BrokerSetupRefusedError } from './broker-setup-refused-error.ts';
import type { BrokerDefinitions } from './broker-users.ts';
import {
  conveyorManagedTag,
  conveyorUserPrefix,
  conveyorVhostDefinitions,
} from './broker-vhost-definitions.ts';
import { planConveyorVhost } from './broker-vhost-plan.ts';

const fileDefinitions: BrokerDefinitions = {
  vhosts: [{ name: '/' }],
  users: [
    { name: 'gateway', password: 'gateway-local-dev-only', tags: [] },
    { name: 'operator', password: 'operator-local-dev-only', tags: [] },
    { name: 'keda', password: 'keda-local-dev-only', tags: ['monitoring'] },
    { name: 'admin', password: 'admin-local-dev-only', tags: ['administrator'] },
  ],
  permissions: [
    {
      user: 'gateway',
      vhost: '/',
      configure: '^conveyor\\.events$',
      write: '^conveyor\\.events$',
      read: '^$',
    },
    { user: 'operator', vhost: '/', configure: '^$', write: '^amq\\.default$', read: '^$' },
    { user: 'keda', vhost: '/', configure: '^$', write: '^$', read: '^$' },
    { user: 'admin', vhost: '/', configure: '.*', write: '.*', read: '.*' },
  ],
  exchanges: [{ name: 'conveyor.events', vhost: '/', type: 'topic' }],
  queues: [{ name: 'conveyor.unroutable.dlq', vhost: '/' }],
  bindings: [{ source: 'conveyor.unroutable', vhost: '/' }],
  policies: [
    {
      vhost: '/',
      name: 'conveyor-events-unroutable',
      pattern: '^conveyor\\.events$',
      'apply-to': 'exchanges',
      priority: 0,
      definition: { 'alternate-exchange': 'conveyor.unroutable' },
    },
  ],
};

function state(partial: Partial<BrokerState>): BrokerState {
  return {
    vhosts: [{ name: '/', metadata: { tags: [] } }],
    users: [{ name: 'guest', tags: ['administrator'] }],
    permissions: [{ user: 'guest', vhost: '/' }],
    policies: [],
    ...partial,
  };
}

describe('conveyorVhostDefinitions', () => {
  const moved = conveyorVhostDefinitions(fileDefinitions, '/conveyor');

  it('puts every exchange, queue, binding, policy and permission in the chosen vhost, none in /', () => {
    const items = [
      ...moved.exchanges,
      ...moved.queues,
      ...moved.bindings,
      ...moved.policies,
      ...moved.permissions,
    ];
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((item) => item.vhost))).toEqual(new Set(['/conveyor']));
    expect(moved.vhosts).toEqual([
      { name: '/conveyor', metadata: { description: 'Conveyor (npm start)', tags: [conveyorManagedTag] } },
    ]);
  });

  it('creates users named after the vhost, tagged as Conveyor’s, and hands out no administrator or monitoring user', () => {
    expect(moved.users.map((user) => [user.name, user.tags])).toEqual([
      ['conveyor-gateway', [conveyorManagedTag]],
      ['conveyor-operator', [conveyorManagedTag]],
    ]);
    expect(moved.permissions.map((grant) => grant.user)).toEqual(['conveyor-gateway', 'conveyor-operator']);
  });

  it('refuses the default vhost', () => {
    expect(() => conveyorVhostDefinitions(fileDefinitions, '/')).toThrow(BrokerSetupRefusedError);
  });

  it('derives a user prefix that is a plain name whatever the vhost', () => {
    expect(conveyorUserPrefix('/conveyor')).toBe('conveyor-');
    expect(conveyorUserPrefix('team a/dev')).toBe('team-a-dev-');
  });
});

describe('planConveyorVhost', () => {
  const wanted = conveyorVhostDefinitions(fileDefinitions, '/conveyor');

  it('on a node that has only guest: creates the vhost and every user, touches no one else', () => {
    const plan = planConveyorVhost(state({}), wanted);
    expect(plan).toEqual({
      vhost: '/conveyor',
      createsVhost: true,
      createdUsers: ['conveyor-gateway', 'conveyor-operator'],
      updatedUsers: [],
      strayGrants: [],
    });
  });

  it('on a node set up by an earlier start: updates its own users and clears their grants on other vhosts', () => {
    const plan = planConveyorVhost(
      state({
        vhosts: [
          { name: '/', metadata: { tags: [] } },
          { name: '/conveyor', metadata: { tags: [conveyorManagedTag] } },
        ],
        users: [
          { name: 'guest', tags: ['administrator'] },
          { name: 'conveyor-gateway', tags: [conveyorManagedTag] },
        ],
        permissions: [
          { user: 'guest', vhost: '/' },
          { user: 'conveyor-gateway', vhost: '/conveyor' },
          { user: 'conveyor-gateway', vhost: '/' },
        ],
      }),
      wanted,
    );
    expect(plan.createsVhost).toBe(false);
    expect(plan.createdUsers).toEqual(['conveyor-operator']);
    expect(plan.updatedUsers).toEqual(['conveyor-gateway']);
    expect(plan.strayGrants).toEqual([{ user: 'conveyor-gateway', vhost: '/' }]);
  });

  it('refuses when a user of the same name was not created by npm start', () => {
    const foreignUser = state({
      users: [
        { name: 'guest', tags: ['administrator'] },
        { name: 'conveyor-operator', tags: [] },
      ],
    });
    expect(() => planConveyorVhost(foreignUser, wanted)).toThrow(/user conveyor-operator/);
  });

  it('refuses a vhost of the same name that is not tagged as Conveyor’s', () => {
    const foreignVhost = state({
      vhosts: [
        { name: '/', metadata: { tags: [] } },
        { name: '/conveyor', metadata: { tags: [] } },
      ],
    });
    expect(() => planConveyorVhost(foreignVhost, wanted)).toThrow(BrokerSetupRefusedError);
  });
});

describe('parseBrokerState', () => {
  it('reads rabbitmqctl export_definitions output, tags as a list or as a comma-separated string', () => {
    const parsed = parseBrokerState(
      JSON.stringify({
        rabbit_version: '3.10.8',
        vhosts: [{ name: '/', limits: [], metadata: { description: 'Default virtual host', tags: [] } }],
        users: [
          { name: 'guest', password_hash: 'x', tags: ['administrator'] },
          { name: 'old', password_hash: 'y', tags: 'monitoring,conveyor-managed' },
        ],
        permissions: [{ user: 'guest', vhost: '/', configure: '.*', write: '.*', read: '.*' }],
        policies: [],
      }),
    );
    expect(parsed.users.map((user) => user.tags)).toEqual([
      ['administrator'],
      ['monitoring', 'conveyor-managed'],
    ]);
    expect(parsed.vhosts[0]?.metadata?.tags).toEqual([]);
  });
});
