// One run of docker-compose.yml for a test, with the local-images override and the test's ports
// (fixtures/compose-ports.yml), under a project name of its own; driven by the compose binary the rig
// builds from its Go module.
import { fileURLToPath } from 'node:url';
import {
  engineCli,
  ensureComposeBinary,
  ensureImages,
  LOCAL_IMAGE_NAMES,
  type DockerCli,
} from '../support/docker/index.ts';
import { runCommand } from '../support/run-command.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const files = [
  'docker-compose.yml',
  'deploy/compose/local-images.yml',
  'test/docker/fixtures/compose-ports.yml',
];

export interface ComposeProject {
  readonly name: string;
  readonly docker: DockerCli;
  compose(args: readonly string[], timeoutMs?: number): Promise<string>;
  /** `host:port` published for a service's container port. */
  port(service: string, containerPort: number): Promise<string>;
  /** Container ids of a service's replicas. */
  containers(service: string): Promise<string[]>;
}

export async function composeProject(name: string): Promise<ComposeProject> {
  const docker = await engineCli();
  const log = (line: string): void => {
    process.stderr.write(`[compose] ${line}\n`);
  };
  // Current images (built only where their inputs changed), as `npm run docker:setup` leaves them.
  await ensureImages(docker, LOCAL_IMAGE_NAMES, log);
  const binary = await ensureComposeBinary(log);
  // The run label of fixtures/compose-ports.yml (docker/run-containers.ts removes a dead run's containers).
  const env = { ...process.env, DOCKER_HOST: docker.dockerHost, CONVEYOR_TEST_RUN_PID: String(process.pid) };
  const compose = (args: readonly string[], timeoutMs = 120_000): Promise<string> =>
    runCommand(binary, ['--project-name', name, ...files.flatMap((file) => ['-f', file]), ...args], {
      cwd: root,
      env,
      timeoutMs,
    });
  return {
    name,
    docker,
    compose,
    port: async (service, containerPort) => (await compose(['port', service, String(containerPort)])).trim(),
    containers: async (service) =>
      (await compose(['ps', '--quiet', service]))
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
  };
}
