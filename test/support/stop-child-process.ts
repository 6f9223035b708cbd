// Ends a child process politely (SIGTERM), then firmly (SIGKILL) if it outlives the grace period.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export async function stopChildProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.ref(); // a detached, unref'd child must still keep us alive until it is gone
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
  }, graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
