import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineAddress } from './engine-address.ts';

describe('engineAddress', () => {
  let home: string;

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'engine-address-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  async function context(name: string, host: string): Promise<void> {
    const digest = createHash('sha256').update(name).digest('hex');
    const dir = join(home, '.docker', 'contexts', 'meta', digest);
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'meta.json'),
      JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }),
    );
  }

  it('takes DOCKER_HOST first', async () => {
    await writeFile(join(home, '.testcontainers.properties'), 'docker.host=tcp://elsewhere:2375\n');
    expect(engineAddress({ DOCKER_HOST: 'unix:///tmp/mine.sock' }, home)).toEqual({
      dockerHost: 'unix:///tmp/mine.sock',
      from: 'DOCKER_HOST',
    });
  });

  it('takes docker.host from ~/.testcontainers.properties before a context', async () => {
    await writeFile(join(home, '.testcontainers.properties'), '# rig\ndocker.host = tcp://build-box:2375\n');
    await context('remote', 'tcp://other:2375');
    await writeFile(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    expect(engineAddress({}, home)?.dockerHost).toBe('tcp://build-box:2375');
  });

  it('takes the current Docker context, from config.json or DOCKER_CONTEXT', async () => {
    await context('rootless', 'unix:///run/user/1000/docker.sock');
    await context('remote', 'tcp://remote:2376');
    await writeFile(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'rootless' }));
    expect(engineAddress({}, home)).toEqual({
      dockerHost: 'unix:///run/user/1000/docker.sock',
      from: 'Docker context rootless',
    });
    expect(engineAddress({ DOCKER_CONTEXT: 'remote' }, home)?.dockerHost).toBe('tcp://remote:2376');
  });

  it('looks for the rootless socket under XDG_RUNTIME_DIR when no other applies', async () => {
    const runtimeDir = join(home, 'run');
    await mkdir(runtimeDir);
    await writeFile(join(runtimeDir, 'docker.sock'), '');
    const found = engineAddress({ XDG_RUNTIME_DIR: runtimeDir }, home);
    // The default socket wins where it exists (a machine running dockerd as root).
    expect([`unix://${join(runtimeDir, 'docker.sock')}`, 'unix:///var/run/docker.sock']).toContain(
      found?.dockerHost,
    );
    expect(found?.from).toBe('socket');
  });
});
