// Builds one local image when its inputs changed (or it is missing), else reuses it: the inputs are the
// Dockerfile, its context, its build arguments, the files built on the host for it and the inputs of
// the images it is built from, hashed into a label of the image.
import { copyFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageOutcome } from './base-image.ts';
import { imageLabel, type DockerCli } from './docker-cli.ts';
import { INPUTS_LABEL, InputHash } from './input-hash.ts';
import { REPO_ROOT, type ImageRecipe } from './local-images.ts';

export class ImageBuildError extends Error {
  readonly code = 'IMAGE_BUILD_FAILED';
  constructor(tag: string, reason: string, options?: ErrorOptions) {
    super(`building ${tag} failed: ${reason}`, options);
    this.name = 'ImageBuildError';
  }
}

async function recipeInputs(
  cli: DockerCli,
  recipe: ImageRecipe,
  hostFiles: Readonly<Record<string, string>>,
): Promise<string> {
  const hash = new InputHash().add('dockerfile-path', recipe.dockerfile);
  await hash.addFiles(REPO_ROOT, await recipe.contextFiles());
  for (const [name, value] of Object.entries(recipe.buildArgs).sort()) hash.add(`arg:${name}`, value);
  for (const [name, path] of Object.entries(hostFiles).sort()) hash.add(`host:${name}`, await readFile(path));
  for (const base of recipe.dependsOn) {
    const label = await imageLabel(cli, base, INPUTS_LABEL);
    if (label === undefined) throw new ImageBuildError(recipe.tag, `its base image ${base} is missing`);
    hash.add(`from:${base}`, label);
  }
  return hash.digest();
}

/** The build context: the recipe's own directory, plus host-built files when it has any. */
async function withContext<T>(
  recipe: ImageRecipe,
  hostFiles: Readonly<Record<string, string>>,
  use: (dir: string) => Promise<T>,
): Promise<T> {
  if (Object.keys(hostFiles).length === 0) return use(join(REPO_ROOT, recipe.context));
  const dir = await mkdtemp(join(tmpdir(), 'conveyor-image-'));
  try {
    await cp(join(REPO_ROOT, recipe.context), dir, { recursive: true });
    for (const [name, path] of Object.entries(hostFiles)) await copyFile(path, join(dir, name));
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function ensureImage(
  cli: DockerCli,
  recipe: ImageRecipe,
  log: (line: string) => void,
): Promise<ImageOutcome> {
  const started = performance.now();
  const hostFiles = (await recipe.hostFiles?.(log)) ?? {};
  const inputs = await recipeInputs(cli, recipe, hostFiles);
  const seconds = (): number => (performance.now() - started) / 1000;
  if ((await imageLabel(cli, recipe.tag, INPUTS_LABEL)) === inputs)
    return { tag: recipe.tag, built: false, seconds: seconds() };
  log(`building ${recipe.tag} (stands in for ${recipe.standsInFor}) from ${recipe.dockerfile}`);
  const args = Object.entries(recipe.buildArgs).flatMap(([name, value]) => [
    '--build-arg',
    `${name}=${value}`,
  ]);
  await withContext(recipe, hostFiles, (context) =>
    cli
      .run(
        [
          'build',
          '--quiet',
          '--file',
          join(REPO_ROOT, recipe.dockerfile),
          '--tag',
          recipe.tag,
          '--label',
          `${INPUTS_LABEL}=${inputs}`,
          ...args,
          context,
        ],
        30 * 60_000,
      )
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message.slice(-2_000) : String(error);
        throw new ImageBuildError(recipe.tag, reason, { cause: error });
      }),
  );
  return { tag: recipe.tag, built: true, seconds: seconds() };
}
