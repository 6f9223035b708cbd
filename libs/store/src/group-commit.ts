// Group commit for small writes that many callers of one process make to the same collection. A write
// that becomes due while none of its kind is out goes at the end of the current turn of the event loop,
// together with the turn's others. One that becomes due while an earlier batch is still out waits for it
// and then goes together with everything that queued meanwhile, so that under load the process sends one
// command per round trip instead of one per caller. A batch that does not return holds the next one back
// for `maxWaitMs` at most.

export interface GroupCommitOptions {
  /** How long queued items wait behind a batch still out before they go anyway. */
  maxWaitMs: number;
}

export interface GroupCommit<Item> {
  /** Queues `item` under `key`; `flush` receives it with the others of its batch. */
  add(key: string, item: Item): void;
}

/** Sends one batch; must settle its callers itself (a rejection is ignored here). */
export type FlushBatch<Item> = (key: string, items: Item[]) => Promise<void>;

interface Lane<Item> {
  queued: Item[];
  /** Batches sent and not settled yet. */
  outstanding: number;
  /** A flush is already arranged (next turn, or after a batch out settles or maxWaitMs passes). */
  arranged: boolean;
  timer: NodeJS.Timeout | undefined;
}

export function groupCommit<Item>(flush: FlushBatch<Item>, options: GroupCommitOptions): GroupCommit<Item> {
  const lanes = new Map<string, Lane<Item>>();

  function send(key: string, lane: Lane<Item>): void {
    clearTimeout(lane.timer);
    lane.timer = undefined;
    lane.arranged = false;
    if (lane.queued.length === 0) return;
    const batch = lane.queued;
    lane.queued = [];
    lane.outstanding += 1;
    const settled = () => {
      lane.outstanding -= 1;
      if (lane.arranged) send(key, lane);
    };
    flush(key, batch).then(settled, settled);
  }

  return {
    add(key, item) {
      let lane = lanes.get(key);
      if (lane === undefined) {
        lane = { queued: [], outstanding: 0, arranged: false, timer: undefined };
        lanes.set(key, lane);
      }
      lane.queued.push(item);
      if (lane.arranged) return;
      lane.arranged = true;
      const ready = lane;
      if (lane.outstanding === 0) setImmediate(() => send(key, ready));
      else lane.timer = setTimeout(() => send(key, ready), options.maxWaitMs);
    },
  };
}
