// Publishes `count` messages with a bounded number awaiting their confirms at once, ticking the
// progress bar; stops at the first failure (or an interrupt) and says how many were confirmed.
import { PublishIncompleteError } from '../errors/publish-incomplete-error.ts';
import type { Progress } from '../progress-bar.ts';

export interface PublishRepeatedlyOptions {
  count: number;
  progress: Progress;
  signal: AbortSignal;
  /** Publishes awaiting their confirm at once. */
  window?: number;
}

/** `publishOne(index)` resolves with the message id; resolves with every id, in index order. */
export async function publishRepeatedly(
  publishOne: (index: number) => Promise<string>,
  { count, progress, signal, window = 64 }: PublishRepeatedlyOptions,
): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  let confirmed = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < count) {
      if (signal.aborted) {
        failure = { error: new Error('interrupted') };
        return;
      }
      const index = next;
      next += 1;
      try {
        ids[index] = await publishOne(index);
        confirmed += 1;
        progress.tick();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(window, count) }, worker));
  } finally {
    progress.done();
  }
  if (failure === undefined) return ids;
  if (count === 1) throw failure.error;
  throw new PublishIncompleteError(confirmed, count, failure.error);
}
