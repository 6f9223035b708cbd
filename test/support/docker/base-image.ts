// The base of every local image: Debian 13 (trixie) from `debootstrap --variant=minbase`, imported
// with `docker import`, because no registry is reachable to pull one from.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from '../find-executable.ts';
import { runCommand } from '../run-command.ts';
import type { DockerCli } from './docker-cli.ts';
import { imageLabel } from './docker-cli.ts';
import { INPUTS_LABEL, InputHash } from './input-hash.ts';

export const BASE_IMAGE = 'conveyor-local/debian:13';
const SUITE = 'trixie';
const DEFAULT_MIRROR = 'http://deb.debian.org/debian';
/**
 * Certificate authorities this host added to its trust (a TLS-inspecting proxy's, a company's): copied
 * into the base, where the images' `ca-certificates` package picks them up, so that builds reach the
 * npm registry the way the host does.
 */
const HOST_EXTRA_CAS = '/usr/local/share/ca-certificates';

async function hostExtraCas(): Promise<string[]> {
  try {
    return (await readdir(HOST_EXTRA_CAS)).filter((name) => name.endsWith('.crt')).sort();
  } catch {
    return [];
  }
}

export class DebootstrapMissingError extends Error {
  readonly code = 'DEBOOTSTRAP_MISSING';
  constructor(reason: string) {
    super(`debootstrap is needed to build ${BASE_IMAGE}: ${reason}`);
    this.name = 'DebootstrapMissingError';
  }
}

export interface ImageOutcome {
  readonly tag: string;
  readonly built: boolean;
  readonly seconds: number;
}

async function debootstrapPath(log: (line: string) => void): Promise<string> {
  const found = await findExecutable('debootstrap');
  if (found !== undefined) return found;
  const aptGet = await findExecutable('apt-get');
  if (aptGet === undefined || process.getuid?.() !== 0)
    throw new DebootstrapMissingError('it is not installed, and installing it needs apt-get as root');
  log("installing Debian's debootstrap");
  await runCommand(aptGet, ['install', '-y', '--no-install-recommends', 'debootstrap'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeoutMs: 300_000,
  });
  const installed = await findExecutable('debootstrap');
  if (installed === undefined) throw new DebootstrapMissingError('apt-get installed no debootstrap');
  return installed;
}

export async function ensureBaseImage(cli: DockerCli, log: (line: string) => void): Promise<ImageOutcome> {
  const started = performance.now();
  const mirror = process.env.DEBIAN_MIRROR ?? DEFAULT_MIRROR;
  const cas = await hostExtraCas();
  const hash = new InputHash().add('recipe', `debootstrap --variant=minbase ${SUITE} ${mirror}`);
  await hash.addFiles(HOST_EXTRA_CAS, cas);
  const inputs = hash.digest();
  if ((await imageLabel(cli, BASE_IMAGE, INPUTS_LABEL)) === inputs)
    return { tag: BASE_IMAGE, built: false, seconds: (performance.now() - started) / 1000 };
  const debootstrap = await debootstrapPath(log);
  const work = await mkdtemp(join(tmpdir(), 'conveyor-debootstrap-'));
  try {
    const root = join(work, 'root');
    log(`building ${BASE_IMAGE}: debootstrap --variant=minbase ${SUITE} from ${mirror}`);
    await runCommand(debootstrap, ['--variant=minbase', SUITE, root, mirror], { timeoutMs: 900_000 });
    for (const name of cas)
      await cp(join(HOST_EXTRA_CAS, name), join(root, 'usr/local/share/ca-certificates', name));
    const tarball = join(work, 'root.tar');
    await runCommand('tar', ['-C', root, '-cf', tarball, '.'], { timeoutMs: 300_000 });
    await cli.run(
      [
        'import',
        '--change',
        `LABEL ${INPUTS_LABEL}=${inputs}`,
        '--change',
        'CMD ["bash"]',
        tarball,
        BASE_IMAGE,
      ],
      300_000,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { tag: BASE_IMAGE, built: true, seconds: (performance.now() - started) / 1000 };
}
