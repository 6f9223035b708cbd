// The images the project builds for itself (deploy/images/README.md): stand-ins for the public images
// of docker-compose.yml, and Conveyor's own service image, each on the local Debian base.
import { fileURLToPath } from 'node:url';
import { ensureFerretdbBinary } from '../ferretdb-binary.ts';
import { ensureGoBinary } from '../go-binary.ts';
import { BASE_IMAGE } from './base-image.ts';
import { filesUnder } from './input-hash.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ImageRecipe {
  readonly tag: string;
  /** The public image it replaces where no registry is reachable. */
  readonly standsInFor: string;
  /** Repository paths. */
  readonly dockerfile: string;
  readonly context: string;
  /** Repository paths whose content goes into the build: hashed into the image's inputs label. */
  contextFiles(): Promise<string[]>;
  /** Files built on the host and copied into the context: name in the context → host path. */
  hostFiles?(log: (line: string) => void): Promise<Record<string, string>>;
  readonly buildArgs: Readonly<Record<string, string>>;
  /** Local images it is built FROM: their inputs are part of its own. */
  readonly dependsOn: readonly string[];
}

const NODE_VERSION = '24.11.1';

function directoryRecipe(
  name: string,
  tag: string,
  standsInFor: string,
  extra: Partial<Pick<ImageRecipe, 'hostFiles' | 'buildArgs' | 'dependsOn'>> = {},
): ImageRecipe {
  const context = `deploy/images/${name}`;
  return {
    tag,
    standsInFor,
    dockerfile: `${context}/Dockerfile`,
    context,
    contextFiles: () => filesUnder(REPO_ROOT, context),
    buildArgs: { BASE_IMAGE, ...extra.buildArgs },
    dependsOn: extra.dependsOn ?? [BASE_IMAGE],
    ...(extra.hostFiles === undefined ? {} : { hostFiles: extra.hostFiles }),
  };
}

export const NODE_IMAGE = `conveyor-local/node:${NODE_VERSION}`;

export const LOCAL_IMAGES = {
  node: directoryRecipe('node', NODE_IMAGE, `node:${NODE_VERSION}-bookworm-slim`, {
    buildArgs: { NODE_VERSION },
  }),
  rabbitmq: directoryRecipe('rabbitmq', 'conveyor-local/rabbitmq:4.0-management', 'rabbitmq:4.1-management'),
  nats: directoryRecipe('nats', 'conveyor-local/nats:2.10', 'nats:2.10-alpine'),
  ferretdb: directoryRecipe('ferretdb', 'conveyor-local/ferretdb:1.24', 'mongo:7', {
    hostFiles: async (log) => ({ 'conveyor-ferretdb': await ensureFerretdbBinary(log) }),
  }),
  mailpit: directoryRecipe('mailpit', 'conveyor-local/mailpit:1.33', 'axllent/mailpit:v1.21', {
    hostFiles: async (log) => ({
      mailpit: await ensureGoBinary(
        {
          sourceDir: fileURLToPath(new URL('./mailpit/', import.meta.url)),
          name: 'conveyor-mailpit',
          buildTimeoutMs: 20 * 60_000,
        },
        log,
      ),
    }),
  }),
  service: {
    tag: 'conveyor:local',
    standsInFor: 'conveyor:local (docker-compose.yml builds it from deploy/docker/Dockerfile)',
    dockerfile: 'deploy/docker/Dockerfile',
    context: '.',
    contextFiles: async () => [
      'package.json',
      'package-lock.json',
      '.npmrc',
      '.dockerignore',
      'test/package.json',
      'deploy/docker/Dockerfile',
      'deploy/docker/healthcheck.mjs',
      ...(await filesUnder(REPO_ROOT, 'libs')),
      ...(await filesUnder(REPO_ROOT, 'services')),
    ],
    buildArgs: { NODE_IMAGE },
    dependsOn: [NODE_IMAGE],
  },
} as const satisfies Record<string, ImageRecipe>;

export type LocalImageName = keyof typeof LOCAL_IMAGES;

/** Every local image, in the order `npm run docker:setup` builds them. */
export const LOCAL_IMAGE_NAMES: readonly LocalImageName[] = [
  'node',
  'rabbitmq',
  'nats',
  'ferretdb',
  'mailpit',
  'service',
];
