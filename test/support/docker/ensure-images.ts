// Makes sure the named local images exist and are current: the Debian base first, then the images built
// FROM another local image after it (node before the service image); each built only when its inputs
// changed. Returns one outcome per image, with the time it took, for the cold/warm report.
import { ensureBaseImage, type ImageOutcome } from './base-image.ts';
import { ensureImage } from './build-image.ts';
import type { DockerCli } from './docker-cli.ts';
import { LOCAL_IMAGES, type LocalImageName } from './local-images.ts';

const BUILT_FROM: Partial<Record<LocalImageName, LocalImageName>> = { service: 'node' };

export async function ensureImages(
  cli: DockerCli,
  names: readonly LocalImageName[],
  log: (line: string) => void,
): Promise<ImageOutcome[]> {
  const outcomes: ImageOutcome[] = [await ensureBaseImage(cli, log)];
  const done = new Set<LocalImageName>();
  const build = async (name: LocalImageName): Promise<void> => {
    if (done.has(name)) return;
    const parent = BUILT_FROM[name];
    if (parent !== undefined) await build(parent);
    outcomes.push(await ensureImage(cli, LOCAL_IMAGES[name], log));
    done.add(name);
  };
  // One after another: two cores, and apt inside two builds at once only competes for them.
  for (const name of names) await build(name);
  return outcomes;
}

export function describeOutcomes(outcomes: readonly ImageOutcome[]): string {
  const total = outcomes.reduce((sum, outcome) => sum + outcome.seconds, 0);
  const parts = outcomes.map(
    (outcome) => `${outcome.tag} ${outcome.built ? 'built' : 'current'} ${outcome.seconds.toFixed(1)} s`,
  );
  return `images (${total.toFixed(1)} s): ${parts.join(', ')}`;
}
