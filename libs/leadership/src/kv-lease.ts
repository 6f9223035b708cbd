// Single-leader lease on a JetStream KV key. The bucket's max_age is the lease time, so a holder
// that stops renewing loses the key to expiry; `create` acquires only if the key is absent,
// `update(revision)` renews only if nobody wrote since, and the revision is the fencing token.
// NATS 2.9 has no per-key TTL: the lease gets a bucket of its own.
import { errorMessage } from '@conveyor/contracts';
import type { KV, NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LeaseUnavailableError } from './errors/lease-unavailable-error.ts';
import { LeaseConfigError } from './errors/lease-config-error.ts';
import { isWrongLastSequence } from './jetstream-errors.ts';

export interface KvLeaseOptions {
  readonly nc: NatsConnection;
  /** A bucket used for this lease only: its max_age is the lease time. Created if absent. */
  readonly bucket: string;
  readonly key: string;
  readonly ttlMs: number;
  /** Unique per process (e.g. host, pid and a random suffix): a restart must not look like the old holder. */
  readonly holderId: string;
  readonly logger: Logger;
  /**
   * Subtracted from the lease time when counting our own validity, for the server's expiry timer
   * and clock-rate differences. Default: a fifth of the lease time.
   */
  readonly marginMs?: number;
  /** Timeout of each KV request. Default: the validity (ttl − margin), at most 5 s. */
  readonly requestTimeoutMs?: number;
}

export interface LeaseHolder {
  readonly holderId: string;
  readonly revision: number;
  /** Server time of the holder's last write. */
  readonly writtenAt: Date;
}

export interface KvLease {
  readonly holderId: string;
  readonly ttlMs: number;
  /** The KV revision of our last successful write while we hold the lease; undefined otherwise. */
  readonly fencingToken: number | undefined;
  /** Server timestamp of our last successful write: "now" as the server saw it. */
  readonly serverTime: Date | undefined;
  /** True while we hold the key and our validity (sent + ttl − margin, monotonic clock) lasts. */
  isLeader(): boolean;
  /** Milliseconds of validity left; 0 when not leader. */
  remainingMs(): number;
  /**
   * A lower bound on the server's current time: serverTime plus the monotonic time elapsed since
   * the write was acknowledged. Never ahead of the server, so a schedule never fires early.
   */
  serverNow(): Date | undefined;
  /** Takes the lease if the key is absent (or deleted). Renews instead if we already hold it. */
  tryAcquire(): Promise<boolean>;
  /** Extends the lease if we still hold our revision; false (and no longer leader) if not. */
  renew(): Promise<boolean>;
  /** Gives the lease up at once, only if the key still holds our revision. */
  release(): Promise<boolean>;
  /** Who holds the key now, read from the server. */
  currentHolder(): Promise<LeaseHolder | undefined>;
}

const leaseValueSchema = z.object({ holderId: z.string() });
const MAX_REQUEST_TIMEOUT_MS = 5_000;

/** Opens (or creates) the lease bucket and checks that its expiry is the lease time. */
export async function createKvLease(options: KvLeaseOptions): Promise<KvLease> {
  const marginMs = options.marginMs ?? Math.floor(options.ttlMs / 5);
  if (!(options.ttlMs > 0) || !(marginMs >= 0) || marginMs >= options.ttlMs) {
    throw new LeaseConfigError(
      `lease ttlMs (${options.ttlMs}) must be positive and above marginMs (${marginMs})`,
    );
  }
  const timeout = options.requestTimeoutMs ?? Math.min(MAX_REQUEST_TIMEOUT_MS, options.ttlMs - marginMs);
  const kv = await jetStreamCall(`open lease bucket ${options.bucket}`, () =>
    options.nc.jetstream({ timeout }).views.kv(options.bucket, { ttl: options.ttlMs, history: 1 }),
  );
  const status = await jetStreamCall(`read lease bucket ${options.bucket}`, () => kv.status());
  if (status.ttl !== options.ttlMs || status.history !== 1) {
    throw new LeaseConfigError(
      `lease bucket ${options.bucket} has max_age ${status.ttl} ms and history ${status.history}; ` +
        `the lease needs max_age ${options.ttlMs} ms and history 1 (delete the bucket or use another)`,
    );
  }
  return new JetStreamKvLease(kv, options, marginMs);
}

class JetStreamKvLease implements KvLease {
  readonly holderId: string;
  readonly ttlMs: number;
  readonly #kv: KV;
  readonly #key: string;
  readonly #marginMs: number;
  readonly #logger: Logger;
  readonly #value: Uint8Array;
  #revision: number | undefined;
  /** performance.now() until which we count ourselves leader. */
  #validUntil = 0;
  #serverTime: Date | undefined;
  #acknowledgedAt = 0;

  constructor(kv: KV, options: KvLeaseOptions, marginMs: number) {
    this.#kv = kv;
    this.#key = options.key;
    this.holderId = options.holderId;
    this.ttlMs = options.ttlMs;
    this.#marginMs = marginMs;
    this.#logger = options.logger.child({
      leaseBucket: options.bucket,
      leaseKey: options.key,
      holderId: options.holderId,
    });
    this.#value = new TextEncoder().encode(JSON.stringify({ holderId: options.holderId }));
  }

  get fencingToken(): number | undefined {
    return this.#revision;
  }

  get serverTime(): Date | undefined {
    return this.#serverTime;
  }

  isLeader(): boolean {
    return this.remainingMs() > 0;
  }

  remainingMs(): number {
    return this.#revision === undefined ? 0 : Math.max(0, this.#validUntil - performance.now());
  }

  serverNow(): Date | undefined {
    if (this.#serverTime === undefined) return undefined;
    return new Date(this.#serverTime.getTime() + (performance.now() - this.#acknowledgedAt));
  }

  async tryAcquire(): Promise<boolean> {
    if (this.#revision !== undefined) return this.renew();
    return this.#write('acquire', () => this.#kv.create(this.#key, this.#value));
  }

  async renew(): Promise<boolean> {
    const revision = this.#revision;
    if (revision === undefined) return false;
    return this.#write('renew', () => this.#kv.update(this.#key, this.#value, revision));
  }

  async release(): Promise<boolean> {
    const revision = this.#revision;
    this.#forget();
    if (revision === undefined) return false;
    try {
      await this.#kv.delete(this.#key, { previousSeq: revision });
      this.#logger.info({ fencingToken: revision }, 'lease released');
      return true;
    } catch (error) {
      if (isWrongLastSequence(error)) return false;
      throw new LeaseUnavailableError(`lease release failed: ${errorMessage(error)}`, { cause: error });
    }
  }

  async currentHolder(): Promise<LeaseHolder | undefined> {
    const entry = await jetStreamCall('read lease', () => this.#kv.get(this.#key));
    if (entry === null || entry.operation !== 'PUT') return undefined;
    const value = leaseValueSchema.safeParse(parseJson(entry.string()));
    if (!value.success) return undefined;
    return { holderId: value.data.holderId, revision: entry.revision, writtenAt: entry.created };
  }

  /**
   * One conditional write. Validity is counted from before the request was sent: the server
   * stamps the entry later than that, so its expiry comes after the end of our validity.
   */
  async #write(action: 'acquire' | 'renew', send: () => Promise<number>): Promise<boolean> {
    const sentAt = performance.now();
    let revision: number;
    try {
      revision = await send();
    } catch (error) {
      if (isWrongLastSequence(error)) {
        if (action === 'renew')
          this.#logger.warn({ fencingToken: this.#revision }, 'lease lost: another holder wrote the key');
        this.#forget();
        return false;
      }
      throw new LeaseUnavailableError(`lease ${action} failed: ${errorMessage(error)}`, { cause: error });
    }
    const acknowledgedAt = performance.now();
    this.#revision = revision;
    this.#validUntil = sentAt + this.ttlMs - this.#marginMs;
    if (action === 'acquire') this.#logger.info({ fencingToken: revision }, 'lease acquired');
    await this.#readServerTime(revision, acknowledgedAt);
    return true;
  }

  /** The server's timestamp of our own write, read back by its revision. */
  async #readServerTime(revision: number, acknowledgedAt: number): Promise<void> {
    try {
      const entry = await this.#kv.get(this.#key, { revision });
      if (entry === null) return;
      this.#serverTime = entry.created;
      this.#acknowledgedAt = acknowledgedAt;
    } catch (error) {
      // The lease itself is held; only the server clock reading is stale until the next write.
      this.#logger.warn(
        { err: error, fencingToken: revision },
        'could not read the lease entry’s server time',
      );
    }
  }

  #forget(): void {
    this.#revision = undefined;
    this.#validUntil = 0;
  }
}

async function jetStreamCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new LeaseUnavailableError(`${what} failed: ${errorMessage(error)}`, { cause: error });
  }
}

/** A lease value someone else wrote may be anything: unreadable counts as "no known holder". */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
