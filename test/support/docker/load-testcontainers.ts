// testcontainers, imported only when a container is to start (machines without Docker never load it),
// with Ryuk off: its image would come from a registry. The rig stops its containers itself and removes
// those of runs that died (run-containers.ts).
export async function loadTestcontainers(): Promise<typeof import('testcontainers')> {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  return import('testcontainers');
}
