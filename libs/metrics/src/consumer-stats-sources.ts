// conveyor_messages_*_total{queue}: the counts every consumer host already keeps (ConsumerHost.stats),
// read at scrape time instead of being mirrored on each delivery, and conveyor_messages_unacked{queue}
// (deliveries being handled). Hosts on one queue are summed.
import type { ConsumerStats } from '@conveyor/bus';
import { Counter, Gauge, type Registry } from 'prom-client';

/** What is read from a host: `ConsumerHost` fits, and so does any object exposing its stats. */
export interface ObservableConsumerHost {
  readonly queue: string;
  readonly stats: Readonly<ConsumerStats>;
  /** Deliveries taken and not settled yet; hosts that do not say are left out of the gauge. */
  readonly unacked?: number;
}

interface ExposedStat {
  stat: keyof ConsumerStats;
  name: string;
  help: string;
}

const exposedStats: readonly ExposedStat[] = [
  { stat: 'received', name: 'conveyor_messages_received_total', help: 'Deliveries taken from the queue.' },
  {
    stat: 'acked',
    name: 'conveyor_messages_acked_total',
    help: 'Deliveries settled with an ack: handled, or moved on to a retry tier or the dead-letter queue.',
  },
  {
    stat: 'retried',
    name: 'conveyor_messages_retried_total',
    help: 'Failed deliveries sent to a retry delay tier.',
  },
  {
    stat: 'deferred',
    name: 'conveyor_messages_deferred_total',
    help: 'Deliveries put off because another consumer holds their inbox claim.',
  },
  {
    stat: 'deadLettered',
    name: 'conveyor_messages_dead_lettered_total',
    help: 'Deliveries sent to the dead-letter queue (<queue>.dlq).',
  },
  {
    stat: 'duplicatesSkipped',
    name: 'conveyor_messages_inbox_duplicates_skipped_total',
    help: 'Redeliveries the inbox recorded as already done, acked without running the handler.',
  },
  { stat: 'replied', name: 'conveyor_messages_replied_total', help: 'Request/reply answers published.' },
  {
    stat: 'handedBack',
    name: 'conveyor_messages_handed_back_total',
    help: 'Deliveries requeued because a stop ran out of time (SHUTDOWN_TIMEOUT_MS) while they ran.',
  },
];

export class ConsumerStatsSources {
  readonly #hosts = new Set<ObservableConsumerHost>();

  constructor(registry: Registry) {
    const hosts = this.#hosts;
    for (const { stat, name, help } of exposedStats) {
      new Counter<'queue'>({
        name,
        help,
        labelNames: ['queue'],
        registers: [registry],
        collect() {
          // The host's number is the truth: the counter is rebuilt from it on every scrape.
          this.reset();
          for (const [queue, total] of totalsByQueue(hosts, stat)) this.inc({ queue }, total);
        },
      });
    }
    new Gauge<'queue'>({
      name: 'conveyor_messages_unacked',
      help: 'Deliveries taken from the queue by this process and not settled (acked or requeued) yet.',
      labelNames: ['queue'],
      registers: [registry],
      collect() {
        this.reset();
        for (const host of hosts) {
          if (host.unacked !== undefined) this.inc({ queue: host.queue }, host.unacked);
        }
      },
    });
  }

  /** Exposes the host's stats from now on, for the life of the process (counters never go down). */
  add(host: ObservableConsumerHost): void {
    this.#hosts.add(host);
  }
}

function totalsByQueue(
  hosts: Iterable<ObservableConsumerHost>,
  stat: keyof ConsumerStats,
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const host of hosts) totals.set(host.queue, (totals.get(host.queue) ?? 0) + host.stats[stat]);
  return totals;
}
