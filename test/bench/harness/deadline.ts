// Bounds a wait: every scenario ends, finished or not, so its cleanup always runs.
import { ScenarioTimeoutError } from './scenario-timeout-error.ts';

export async function withinDeadline<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new ScenarioTimeoutError(what, timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
