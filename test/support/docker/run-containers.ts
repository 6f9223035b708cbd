// Containers a test run starts carry its pid in a label: with Ryuk off, a run that was killed leaves its
// containers behind, and the next run removes those whose run is gone.
import { processLives } from '../process-lives.ts';
import type { DockerCli } from './docker-cli.ts';

const RUN_LABEL = 'org.conveyor.test-run';

export function runLabels(): Record<string, string> {
  return { [RUN_LABEL]: String(process.pid) };
}

/** Removes the containers of test runs that are no longer running; returns their ids. */
export async function removeAbandonedRunContainers(cli: DockerCli): Promise<string[]> {
  const listed = await cli.run([
    'ps',
    '--all',
    '--filter',
    `label=${RUN_LABEL}`,
    '--format',
    `{{.ID}} {{.Label "${RUN_LABEL}"}}`,
  ]);
  const abandoned = listed
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter(([id, pid]) => id !== undefined && id !== '' && !processLives(Number(pid)))
    .map(([id]) => id ?? '');
  if (abandoned.length > 0) await cli.run(['rm', '--force', '--volumes', ...abandoned]);
  return abandoned;
}
