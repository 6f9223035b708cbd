// A RabbitMQ node of the fault suite's own and what the suite does to it, whoever runs it (a host
// process, private-rabbitmq.ts, or a container, private-containers.ts).

export interface PrivateRabbitmq {
  readonly url: string;
  readonly nodeName: string;
  /** `rabbitmqctl -n <node> stop_app`: the broker closes every connection and stops serving. */
  stopApp(): Promise<void>;
  /** `rabbitmqctl -n <node> start_app`; resolves once AMQP answers again. */
  startApp(): Promise<void>;
  /** `rabbitmqctl -n <node> close_all_connections`; the number of connections it closed. */
  closeAllConnections(reason: string): Promise<number>;
  /** `rabbitmqctl list_connections state`: each client connection's state (running, blocked, …). */
  connectionStates(): Promise<string[]>;
  /** `rabbitmqctl list_queues`: every queue's messages (ready + unacknowledged) and unacknowledged. */
  listQueues(): Promise<QueueDepth[]>;
  /**
   * `rabbitmqctl set_vm_memory_high_watermark`: `absolute 1` raises the memory alarm (the broker blocks
   * every publishing connection, `connection.blocked`); `restoreMemoryWatermark` sets it back.
   */
  raiseMemoryAlarm(): Promise<void>;
  restoreMemoryWatermark(): Promise<void>;
  /** `rabbitmqctl set_policy` on the node's default vhost; `clearPolicy` removes it. */
  setPolicy(policy: BrokerPolicy): Promise<void>;
  clearPolicy(name: string): Promise<void>;
  /** Stops the node and deletes its directories. Idempotent. */
  stop(): Promise<void>;
}

export interface QueueDepth {
  readonly name: string;
  /** Ready and unacknowledged. */
  readonly messages: number;
  readonly unacknowledged: number;
}

export interface BrokerPolicy {
  readonly name: string;
  /** A regular expression on queue names. */
  readonly pattern: string;
  readonly definition: Readonly<Record<string, string | number>>;
  /** RabbitMQ 3.10 knows no narrower target than queues (a quorum-only key is ignored by the others). */
  readonly applyTo: 'queues' | 'exchanges' | 'all';
}
