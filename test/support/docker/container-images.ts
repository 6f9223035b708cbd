// The images the rig's Testcontainers path runs, built (or found current) once per process before the
// first container starts; keep them in step with docker-compose.yml (deploy/images/README.md).
import { engineCli } from './docker-cli.ts';
import { ensureImages } from './ensure-images.ts';
import { LOCAL_IMAGES } from './local-images.ts';
import { removeAbandonedRunContainers } from './run-containers.ts';

export interface ContainerImages {
  readonly rabbitmq: string;
  readonly mongodb: string;
  readonly nats: string;
}

let ready: Promise<ContainerImages> | undefined;

async function prepare(): Promise<ContainerImages> {
  const cli = await engineCli();
  const log = (line: string): void => {
    process.stderr.write(`[test servers] ${line}\n`);
  };
  const removed = await removeAbandonedRunContainers(cli);
  if (removed.length > 0) log(`removed ${String(removed.length)} containers of test runs that are gone`);
  await ensureImages(cli, ['rabbitmq', 'nats', 'ferretdb'], log);
  return {
    rabbitmq: LOCAL_IMAGES.rabbitmq.tag,
    mongodb: LOCAL_IMAGES.ferretdb.tag,
    nats: LOCAL_IMAGES.nats.tag,
  };
}

/** Builds the images on first use; later calls share the same answer. */
export function containerImages(): Promise<ContainerImages> {
  ready ??= prepare();
  return ready;
}
