// Start-up is done when every process's /readyz answers 200; a supervised process that crashes meanwhile
// is restarted, so the wait is bounded by time, not by the first exit.
import { waitFor } from '@conveyor/test/support';
import type { StackProcess } from './stack-processes.ts';

export async function waitUntilReady(processes: readonly StackProcess[], timeoutMs = 90_000): Promise<void> {
  await Promise.all(
    processes.map((process) =>
      waitFor(
        async () =>
          (await fetch(`http://127.0.0.1:${process.port}/readyz`).catch(() => undefined))?.ok === true,
        {
          what: `${process.name} ready (http://127.0.0.1:${process.port}/readyz)`,
          timeoutMs,
          intervalMs: 250,
        },
      ),
    ),
  );
}
