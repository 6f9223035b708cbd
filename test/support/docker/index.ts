// The rig's Docker door: find or start an engine, build the local images, run their containers.
export { describeOutcomes, ensureImages } from './ensure-images.ts';
export { dockerCli, engineCli, type DockerCli } from './docker-cli.ts';
export { dockerMode, type DockerMode } from './docker-mode.ts';
export { engineAddress, type EngineAddress } from './engine-address.ts';
export {
  ensureEngine,
  stopDockerd,
  DOCKERD_LOG_FILE,
  DOCKERD_PID_FILE,
  type Engine,
} from './ensure-engine.ts';
export { LOCAL_IMAGE_NAMES, LOCAL_IMAGES, type LocalImageName } from './local-images.ts';
export type { ImageOutcome } from './base-image.ts';
export { containerImages, type ContainerImages } from './container-images.ts';
export { DockerUnavailableError } from './docker-unavailable-error.ts';
export { runLabels, removeAbandonedRunContainers } from './run-containers.ts';
export { ensureComposeBinary, installComposePlugin } from './compose-binary.ts';
export { loadTestcontainers } from './load-testcontainers.ts';
export { BASE_IMAGE } from './base-image.ts';
export { ensureImage, ImageBuildError } from './build-image.ts';
export { filesUnder, INPUTS_LABEL } from './input-hash.ts';
export { REPO_ROOT, type ImageRecipe } from './local-images.ts';
