// npm test's container pass: a Docker engine (installed and started as root when none answers, see
// test/support/docker), the local images, then the suites that run on containers. Returns the
// environment those suites run with, or why they cannot run here.
import {
  describeOutcomes,
  dockerCli,
  ensureEngine,
  ensureImages,
  LOCAL_IMAGE_NAMES,
} from '../../test/support/docker/index.ts';

export type ContainerEngine =
  | {
      readonly ready: true;
      readonly env: Readonly<Record<string, string>>;
      /** Stops dockerd when this run started it. */
      readonly release: () => Promise<void>;
    }
  | { readonly ready: false; readonly reason: string };

export async function prepareContainers(log: (line: string) => void): Promise<ContainerEngine> {
  const engine = await ensureEngine({ log });
  if (!engine.available) return { ready: false, reason: engine.reason };
  log(`engine: ${engine.how}`);
  const release = engine.stop ?? (() => Promise.resolve());
  try {
    const cli = await dockerCli(engine.dockerHost);
    log(describeOutcomes(await ensureImages(cli, LOCAL_IMAGE_NAMES, log)));
  } catch (error) {
    await release();
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ready: false,
      reason: `the local images could not be built: ${reason.split('\n')[0] ?? reason}`,
    };
  }
  return {
    ready: true,
    env: {
      DOCKER_HOST: engine.dockerHost,
      TEST_SERVER_SOURCE: 'containers',
      TESTCONTAINERS_RYUK_DISABLED: 'true',
    },
    release,
  };
}
