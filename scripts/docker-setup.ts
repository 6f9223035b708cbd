// `npm run docker:setup`: a Docker engine (installed and started as root when none answers) and every
// local image the compose stack and the container tests use, built only where their inputs changed.
// Installs `docker compose` (Compose v5 built from its Go module) as the CLI plugin, and leaves the engine
// running for it (README: "The compose stack").
import {
  describeOutcomes,
  dockerCli,
  ensureEngine,
  ensureImages,
  installComposePlugin,
  LOCAL_IMAGE_NAMES,
} from '../test/support/docker/index.ts';

const log = (line: string): void => {
  process.stdout.write(`[docker] ${line}\n`);
};

const engine = await ensureEngine({ log });
if (!engine.available) {
  process.stderr.write(`no Docker engine: ${engine.reason}\n`);
  process.exit(1);
}
log(`engine: ${engine.how}`);
const cli = await dockerCli(engine.dockerHost);
// `npm run docker:setup -- rabbitmq nats` builds only those (and what they are built from).
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !LOCAL_IMAGE_NAMES.some((known) => known === name));
if (unknown.length > 0) {
  process.stderr.write(`unknown image ${unknown.join(', ')}; known: ${LOCAL_IMAGE_NAMES.join(', ')}\n`);
  process.exit(2);
}
const names =
  asked.length === 0 ? LOCAL_IMAGE_NAMES : LOCAL_IMAGE_NAMES.filter((name) => asked.includes(name));
log(describeOutcomes(await ensureImages(cli, names, log)));
log(`docker compose: ${await installComposePlugin(log)} (Compose v5, built from its Go module)`);
