// CONVEYOR_DOCKER: whether the rig may use a Docker engine, and whether it may install and start one.
import type { Environment } from '../server-urls.ts';

export const DOCKER_MODES = ['auto', 'existing', 'off'] as const;
/** auto: use an engine, installing docker.io and starting dockerd as root when none answers;
 *  existing: use an engine only when one already answers; off: never use containers. */
export type DockerMode = (typeof DOCKER_MODES)[number];

export class DockerModeError extends Error {
  readonly code = 'DOCKER_MODE_INVALID';
  constructor(value: string) {
    super(`CONVEYOR_DOCKER must be one of ${DOCKER_MODES.join(', ')}; got "${value}"`);
    this.name = 'DockerModeError';
  }
}

export function dockerMode(env: Environment = process.env): DockerMode {
  const value = env.CONVEYOR_DOCKER?.trim() ?? '';
  if (value === '') return 'auto';
  const mode = DOCKER_MODES.find((candidate) => candidate === value);
  if (mode === undefined) throw new DockerModeError(value);
  return mode;
}
