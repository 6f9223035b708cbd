// The local images are rebuilt exactly when their inputs change: the hash of the inputs sits in a label
// of the image, and a build whose hash matches is skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_IMAGE,
  engineCli,
  ensureImage,
  filesUnder,
  REPO_ROOT,
  ensureImages,
  LOCAL_IMAGE_NAMES,
  removeAbandonedRunContainers,
  type DockerCli,
  type ImageRecipe,
} from '../support/docker/index.ts';
import { uniqueName } from '../support/index.ts';

const quiet = (): void => undefined;

describe('local images', () => {
  let docker: DockerCli;
  const tag = `conveyor-test/${uniqueName('stamp')}:1`;

  beforeAll(async () => {
    docker = await engineCli();
    await ensureImages(docker, [], quiet); // the base
  }, 600_000);

  afterAll(async () => {
    await docker.run(['rmi', '--force', tag]).catch(() => undefined);
  });

  function stampRecipe(stamp: string): ImageRecipe {
    const context = 'test/docker/fixtures/stamp-image';
    return {
      tag,
      standsInFor: 'nothing (a test image)',
      dockerfile: `${context}/Dockerfile`,
      context,
      contextFiles: () => filesUnder(REPO_ROOT, context),
      buildArgs: { BASE_IMAGE, STAMP: stamp },
      dependsOn: [BASE_IMAGE],
    };
  }

  it('builds an image once, and again only when one of its inputs changed', async () => {
    expect((await ensureImage(docker, stampRecipe('a'), quiet)).built).toBe(true);
    expect((await ensureImage(docker, stampRecipe('a'), quiet)).built).toBe(false);
    expect((await ensureImage(docker, stampRecipe('b'), quiet)).built).toBe(true);
    const label = await docker.run([
      'image',
      'inspect',
      '--format',
      '{{ index .Config.Labels "org.conveyor.test-stamp" }}',
      tag,
    ]);
    expect(label.trim()).toBe('b');
  }, 120_000);

  it('finds every project image current on a second pass, building nothing', async () => {
    await ensureImages(docker, LOCAL_IMAGE_NAMES, quiet);
    const again = await ensureImages(docker, LOCAL_IMAGE_NAMES, quiet);
    expect(again.filter((outcome) => outcome.built)).toEqual([]);
    expect(again.map((outcome) => outcome.tag)).toContain('conveyor:local');
  }, 900_000);

  it("removes the containers of a test run that is gone, and keeps a live run's", async () => {
    const start = async (pid: number): Promise<string> =>
      (
        await docker.run(['create', '--label', `org.conveyor.test-run=${String(pid)}`, BASE_IMAGE, 'true'])
      ).trim();
    // A pid above the kernel's limit (pid_max is at most 2^22) belongs to no process.
    const dead = await start(2 ** 22 + 1);
    const live = await start(process.pid);
    try {
      const removed = await removeAbandonedRunContainers(docker);
      expect(removed.map((id) => id.slice(0, 12))).toContain(dead.slice(0, 12));
      const left = await docker.run(['ps', '--all', '--quiet', '--no-trunc', '--filter', `id=${live}`]);
      expect(left.trim()).toBe(live);
    } finally {
      await docker.run(['rm', '--force', dead, live]).catch(() => undefined);
    }
  }, 60_000);
});
