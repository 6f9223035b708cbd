// Leases, their NATS connections and KV buckets with names of their own for each test, and their cleanup.
import { createKvLease, type KvLease, type KvLeaseOptions } from '@conveyor/leadership';
import { connect, NatsError, type NatsConnection } from 'nats';
import { pino, type Logger } from 'pino';
import { serverUrls, uniqueName } from '../../support/index.ts';

export const silentLogger: Logger = pino({ level: 'silent' });

/** Everything a test opened, closed in reverse order by `cleanUp()`. */
export class LeaseFixture {
  readonly #cleanups: (() => Promise<unknown>)[] = [];

  async connection(): Promise<NatsConnection> {
    const nc = await connect({ servers: serverUrls().natsUrl, name: uniqueName('lease-test-raw') });
    this.#cleanups.push(() => nc.close());
    return nc;
  }

  /** A fresh lease bucket; deleted after the test (before the connections close). */
  async leaseBucket(): Promise<string> {
    const bucket = uniqueName('lease-test');
    const nc = await this.connection();
    this.#cleanups.push(async () => {
      const jsm = await nc.jetstreamManager();
      await jsm.streams.delete(`KV_${bucket}`).catch((error: unknown) => {
        if (!isStreamNotFound(error)) throw error;
      });
    });
    return bucket;
  }

  /** A lease on its own connection, as another process would hold it. */
  async lease(options: Pick<KvLeaseOptions, 'bucket' | 'ttlMs'> & Partial<KvLeaseOptions>): Promise<KvLease> {
    const nc = options.nc ?? (await this.connection());
    return createKvLease({
      key: 'leader',
      holderId: uniqueName('holder'),
      logger: silentLogger,
      ...options,
      nc,
    });
  }

  async cleanUp(): Promise<void> {
    for (const cleanup of this.#cleanups.splice(0).reverse()) await cleanup();
  }
}

/** JSStreamNotFoundErr: the test never got as far as creating its bucket. */
function isStreamNotFound(error: unknown): boolean {
  return error instanceof NatsError && error.api_error?.err_code === 10059;
}
