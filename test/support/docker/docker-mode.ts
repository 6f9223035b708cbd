// CONVEYOR_DOCKER: whether the rig may use a Docker engine, and whether it may install and start one.
import { envChoice } from '../env-choice.ts';
import type { Environment } from '../server-urls.ts';

/**
 * auto (default): use an engine, installing docker.io and starting dockerd as root when none answers;
 * existing: use an engine only when one already answers; off: never use containers.
 */
export const DOCKER_MODES = ['auto', 'existing', 'off'] as const;
export type DockerMode = (typeof DOCKER_MODES)[number];

export function dockerMode(env: Environment = process.env): DockerMode {
  return envChoice(env, 'CONVEYOR_DOCKER', DOCKER_MODES);
}
