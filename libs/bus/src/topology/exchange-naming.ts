// The shared exchanges of one Conveyor deployment. Code names them by their default names
// (`Exchange.events` = `conveyor.events`, `conveyor.dlx`, `conveyor.unroutable`, `conveyor.retry.<tier>`);
// a Bus created with another prefix (EXCHANGE_PREFIX) declares, binds, publishes and republishes them as
// `<prefix>.events` and so on, so that two deployments can share one vhost (each with its own queue
// names). One place translates, so no caller can miss it; stored outbox entries keep the default names.

export const defaultExchangePrefix = 'conveyor';

export const Exchange = {
  /** Topic exchange every event and job is published to; routing key = message type. */
  events: 'conveyor.events',
  /** Direct exchange feeding `<queue>.dlq`, routing key = the work queue's name. */
  deadLetters: 'conveyor.dlx',
  /**
   * Fanout exchange catching what `conveyor.events` cannot route (its `alternate-exchange`, set by a
   * policy in deploy/: an argument cannot be added to an existing exchange). Feeds
   * `conveyor.unroutable.dlq`, which the dead-letter archiver stores with reason `unroutable`.
   */
  unroutable: 'conveyor.unroutable',
} as const;

/** Every delay tier's exchange (and queue) is `conveyor.retry.<tier name>` under the default prefix. */
export const retryExchangeRoot = 'conveyor.retry.';

/** Dot-separated words of letters, digits, `_` and `-`: a prefix that makes valid, readable names. */
export const exchangePrefixPattern = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

export interface ExchangeNaming {
  readonly prefix: string;
  /** The name this deployment gives an exchange known by its default name; other names unchanged. */
  resolve(name: string): string;
}

const sharedNames: ReadonlySet<string> = new Set(Object.values(Exchange));
const defaultRoot = `${defaultExchangePrefix}.`;

function isShared(name: string): boolean {
  return sharedNames.has(name) || name.startsWith(retryExchangeRoot);
}

export function exchangeNaming(prefix: string = defaultExchangePrefix): ExchangeNaming {
  if (!exchangePrefixPattern.test(prefix))
    throw new RangeError(
      `exchange prefix ${JSON.stringify(prefix)} must match ${String(exchangePrefixPattern)}`,
    );
  if (prefix === defaultExchangePrefix) return { prefix, resolve: (name) => name };
  return {
    prefix,
    resolve: (name) => (isShared(name) ? `${prefix}.${name.slice(defaultRoot.length)}` : name),
  };
}

export const defaultExchangeNaming: ExchangeNaming = exchangeNaming();
