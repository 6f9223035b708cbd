// The resolution order for one server, with every probe injected: the environment's URL, else a
// Testcontainers container when Docker answers, else the local default address when something
// answers there, else start one locally, else an error naming what to start.
import type { ServerSpec } from './server-specs.ts';
import { ServerUnavailableError } from './server-unavailable-error.ts';

export type ServerSource =
  | { readonly via: 'env'; readonly url: string }
  | { readonly via: 'container' }
  | { readonly via: 'local'; readonly url: string }
  | { readonly via: 'start' };

export type StartAbility = { readonly able: true } | { readonly able: false; readonly reason: string };

export interface SourceProbes {
  readonly envUrl: string | undefined;
  dockerAnswers(): Promise<boolean>;
  localAnswers(url: string): Promise<boolean>;
  startAbility(): Promise<StartAbility>;
}

/** Probes run lazily, in order, and stop at the first that settles the source. */
export async function chooseSource(spec: ServerSpec, probes: SourceProbes): Promise<ServerSource> {
  if (probes.envUrl !== undefined) return { via: 'env', url: probes.envUrl };
  if (await probes.dockerAnswers()) return { via: 'container' };
  if (await probes.localAnswers(spec.defaultUrl)) return { via: 'local', url: spec.defaultUrl };
  const ability = await probes.startAbility();
  if (ability.able) return { via: 'start' };
  throw new ServerUnavailableError(spec, ability.reason);
}
