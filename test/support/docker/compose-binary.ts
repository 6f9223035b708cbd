// Docker Compose v5 (the `docker compose` plugin), built from its Go module by the wrapper in
// compose-cli/ (Debian's docker-compose 1.29 is Compose v1) into node_modules/.cache, once per change.
import { homedir } from 'node:os';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureGoBinary } from '../go-binary.ts';

const composeCli = {
  sourceDir: fileURLToPath(new URL('./compose-cli/', import.meta.url)),
  name: 'conveyor-docker-compose',
  buildTimeoutMs: 30 * 60_000,
};

/** Path of the compose binary (it also runs standalone, as `docker-compose`). */
export function ensureComposeBinary(log: (line: string) => void): Promise<string> {
  return ensureGoBinary(composeCli, log);
}

/** Installs it as the docker CLI's compose plugin ($DOCKER_CONFIG/cli-plugins), so `docker compose` runs it. */
export async function installComposePlugin(log: (line: string) => void): Promise<string> {
  const binary = await ensureComposeBinary(log);
  const pluginDir = join(process.env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'cli-plugins');
  await mkdir(pluginDir, { recursive: true });
  const plugin = join(pluginDir, 'docker-compose');
  await copyFile(binary, plugin);
  return plugin;
}
