// The docker CLI, pointed at the engine the rig found (DOCKER_HOST), for image builds and inspection.
import { findExecutable } from '../find-executable.ts';
import { runCommand } from '../run-command.ts';
import type { Environment } from '../server-urls.ts';
import { DockerUnavailableError } from './docker-unavailable-error.ts';
import { engineAddress } from './engine-address.ts';

export class DockerCliMissingError extends Error {
  readonly code = 'DOCKER_CLI_MISSING';
  constructor() {
    super('the docker CLI is not installed (Debian package docker.io, or docker-ce-cli)');
    this.name = 'DockerCliMissingError';
  }
}

export interface DockerCli {
  readonly dockerHost: string;
  run(args: readonly string[], timeoutMs?: number): Promise<string>;
}

export async function dockerCli(dockerHost: string): Promise<DockerCli> {
  const docker = await findExecutable('docker');
  if (docker === undefined) throw new DockerCliMissingError();
  // The legacy builder: BuildKit would try to pull its Dockerfile frontend from a registry.
  const env = { ...process.env, DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: '0', DOCKER_CLI_HINTS: 'false' };
  return {
    dockerHost,
    run: (args, timeoutMs = 120_000) => runCommand(docker, args, { env, timeoutMs }),
  };
}

/** The docker CLI for the engine the rig finds (engine-address.ts); throws when it finds none. */
export async function engineCli(env: Environment = process.env): Promise<DockerCli> {
  const address = engineAddress(env);
  if (address === undefined) throw new DockerUnavailableError('no Docker engine address was found');
  return dockerCli(address.dockerHost);
}

/** The value of one label of a local image, or undefined when the image (or the label) is missing. */
export async function imageLabel(cli: DockerCli, image: string, label: string): Promise<string | undefined> {
  try {
    const out = await cli.run([
      'image',
      'inspect',
      '--format',
      `{{ index .Config.Labels "${label}" }}`,
      image,
    ]);
    const value = out.trim();
    return value === '' || value === '<no value>' ? undefined : value;
  } catch (error) {
    if (error instanceof Error && /no such (image|object)/i.test(error.message)) return undefined;
    throw error;
  }
}
