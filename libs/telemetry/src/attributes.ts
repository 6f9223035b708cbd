// Span attribute names, in one place. Messaging names follow the OpenTelemetry messaging semantic
// conventions (still "incubating" upstream, so they are copied here rather than imported from the
// unstable entry point); `conveyor.*` names are ours.

export const MessagingAttribute = {
  /** 'rabbitmq' or 'nats' (see MessagingSystem). */
  system: 'messaging.system',
  /** System-specific operation name: 'publish', 'process', 'ack'... */
  operation: 'messaging.operation.name',
  /** Generic operation kind: see MessagingOperationType. */
  operationType: 'messaging.operation.type',
  /** Exchange, queue or NATS subject. */
  destination: 'messaging.destination.name',
  /** Low-cardinality form of the destination, e.g. a NATS subscription subject with wildcards. */
  destinationTemplate: 'messaging.destination.template',
  messageId: 'messaging.message.id',
  conversationId: 'messaging.message.conversation_id',
  bodySize: 'messaging.message.body.size',
  consumerGroup: 'messaging.consumer.group.name',
  clientId: 'messaging.client.id',
  routingKey: 'messaging.rabbitmq.destination.routing_key',
  deliveryTag: 'messaging.rabbitmq.message.delivery_tag',
} as const;

export type MessagingAttribute = (typeof MessagingAttribute)[keyof typeof MessagingAttribute];

export const MessagingSystem = {
  rabbitmq: 'rabbitmq',
  nats: 'nats',
} as const;

export type MessagingSystem = (typeof MessagingSystem)[keyof typeof MessagingSystem];

/** Values of `messaging.operation.type`. */
export const MessagingOperationType = {
  create: 'create',
  send: 'send',
  receive: 'receive',
  process: 'process',
  settle: 'settle',
} as const;

export type MessagingOperationType = (typeof MessagingOperationType)[keyof typeof MessagingOperationType];

export const ConveyorAttribute = {
  /** 1 for the first delivery, +1 for each retry through a delay tier. */
  attempt: 'conveyor.attempt',
  /** The versioned message or event name, e.g. 'order.placed.v1'. */
  messageType: 'conveyor.message.type',
  tenant: 'conveyor.tenant',
  causationId: 'conveyor.causation_id',
  deadLetterReason: 'conveyor.dead_letter.reason',
  /** The KV revision a leader holds: the fencing token stored with what it writes. */
  fencingToken: 'conveyor.lease.fencing_token',
} as const;

export type ConveyorAttribute = (typeof ConveyorAttribute)[keyof typeof ConveyorAttribute];
