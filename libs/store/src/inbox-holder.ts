// A claiming process's liveness: ONE record per process (`inbox_holders/<id>`), renewed every
// `heartbeatMs`, so that a process killed with its claims is known dead after `ttlMs` instead of after
// each claim's lease. Per message nothing is added: a claim only records the holder id.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import { HolderSteadiness } from './holder-steadiness.ts';
import type { HolderRecord } from './inbox-records.ts';

export interface InboxHolderOptions {
  /** This process's id on its claims; default `<hostname>:<pid>:<random>`, new on every start. */
  id?: string;
  /** How often the liveness record is renewed (default 1500 ms). */
  heartbeatMs?: number;
  /** How long a renewal keeps the process alive to others (default 6000 ms; > 2 × heartbeatMs). */
  ttlMs?: number;
}

export const defaultHolderHeartbeatMs = 1_500;
export const defaultHolderTtlMs = 6_000;

export interface InboxHolder {
  readonly id: string;
  /** Resolves once this process's liveness is recorded; the heartbeat runs from then on. */
  alive(): Promise<void>;
  /** False right after this process's own renewals failed or lagged: others may be cut off too. */
  mayJudgeOthers(): boolean;
  stop(): void;
}

export function startableHolder(
  /** Only its record is written, by _id. */
  holders: Pick<Collection<HolderRecord>, 'updateOne'>,
  options: InboxHolderOptions,
  clock: () => number,
  logger: Logger,
): InboxHolder {
  const id = options.id ?? `${hostname()}:${String(process.pid)}:${randomUUID().slice(0, 8)}`;
  const heartbeatMs = options.heartbeatMs ?? defaultHolderHeartbeatMs;
  const ttlMs = options.ttlMs ?? defaultHolderTtlMs;
  if (ttlMs <= heartbeatMs * 2) {
    throw new RangeError(
      `inbox holder ttlMs (${String(ttlMs)}) must exceed twice heartbeatMs (${String(heartbeatMs)})`,
    );
  }
  let first: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let beating = false;
  const steadiness = new HolderSteadiness(heartbeatMs, ttlMs);

  // Only this process writes its record, so an upsert is uncontested (FerretDB updates are not isolated).
  async function beat(): Promise<void> {
    const now = clock();
    try {
      await holders.updateOne(
        { _id: id },
        { $set: { aliveUntil: new Date(now + ttlMs), updatedAt: new Date(now) } },
        { upsert: true },
      );
    } catch (error) {
      steadiness.failed(clock());
      throw error;
    }
    steadiness.renewed(now);
  }

  return {
    id,
    alive() {
      first ??= beat().then(
        () => {
          if (stopped) return;
          timer = setInterval(() => {
            // A renewal still waiting on the server is not doubled; the lag shows in the steadiness.
            if (beating) return;
            beating = true;
            beat()
              .catch((error: unknown) => {
                // A renewal cut short by stopping (the store closing under it) is no failure.
                if (stopped) return;
                logger.warn({ err: error, holder: id }, 'inbox holder liveness renewal failed; will retry');
              })
              .finally(() => {
                beating = false;
              });
          }, heartbeatMs);
          // The heartbeat must not keep a finished process alive.
          timer.unref();
        },
        (error: unknown) => {
          first = undefined;
          throw error;
        },
      );
      return first;
    },
    mayJudgeOthers: () => steadiness.mayJudgeOthers(clock()),
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
