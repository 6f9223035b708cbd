// What setting up `npm start`'s vhost will change on a node, decided from what the node holds before
// anything is written: it refuses when a vhost or user of the same name is not Conveyor's.
import type { BrokerDefinitions } from './broker-users.ts';
import type { BrokerState } from './broker-state.ts';
import { BrokerSetupRefusedError } from './broker-setup-refused-error.ts';
import { conveyorManagedTag } from './broker-vhost-definitions.ts';

export interface BrokerGrant {
  readonly user: string;
  readonly vhost: string;
}

export interface ConveyorVhostPlan {
  readonly vhost: string;
  readonly createsVhost: boolean;
  readonly createdUsers: readonly string[];
  /** Conveyor's users from an earlier start: their password, tags and permissions are set again. */
  readonly updatedUsers: readonly string[];
  /** Grants of those users on any other vhost, cleared: they may act in `vhost` only. */
  readonly strayGrants: readonly BrokerGrant[];
}

/** `wanted` is what conveyorVhostDefinitions returned: one vhost, Conveyor's users. */
export function planConveyorVhost(state: BrokerState, wanted: BrokerDefinitions): ConveyorVhostPlan {
  const [target, ...others] = wanted.vhosts;
  if (target === undefined || others.length > 0)
    throw new Error('planConveyorVhost expects the definitions of exactly one vhost');
  const vhost = target.name;
  const existingVhost = state.vhosts.find((candidate) => candidate.name === vhost);
  const existingUsers = new Map(state.users.map((user) => [user.name, user]));
  const wantedNames = wanted.users.map((user) => user.name);

  const foreign = [
    ...(existingVhost !== undefined && !(existingVhost.metadata?.tags ?? []).includes(conveyorManagedTag)
      ? [`vhost ${vhost}`]
      : []),
    ...wantedNames
      .filter((name) => {
        const existing = existingUsers.get(name);
        return existing !== undefined && !existing.tags.includes(conveyorManagedTag);
      })
      .map((name) => `user ${name}`),
  ];
  if (foreign.length > 0)
    throw new BrokerSetupRefusedError(
      `the broker already has ${foreign.join(', ')}, not created by npm start (no tag ${conveyorManagedTag}); ` +
        'npm start leaves them alone: choose another vhost with CONVEYOR_VHOST',
    );

  const ours = new Set(wantedNames);
  return {
    vhost,
    createsVhost: existingVhost === undefined,
    createdUsers: wantedNames.filter((name) => !existingUsers.has(name)),
    updatedUsers: wantedNames.filter((name) => existingUsers.has(name)),
    strayGrants: state.permissions
      .filter((grant) => ours.has(grant.user) && grant.vhost !== vhost)
      .map((grant) => ({ user: grant.user, vhost: grant.vhost })),
  };
}
