// The three servers the suites need, with the environment variable that overrides each and the
// address a developer machine serves it on by default.

export type ServerKind = 'rabbitmq' | 'mongodb' | 'nats';

export interface ServerSpec {
  readonly kind: ServerKind;
  readonly title: string;
  readonly envVar: 'AMQP_URL' | 'MONGO_URL' | 'NATS_URL';
  readonly defaultUrl: string;
}

export const SERVER_SPECS: Readonly<Record<ServerKind, ServerSpec>> = Object.freeze({
  rabbitmq: {
    kind: 'rabbitmq',
    title: 'RabbitMQ',
    envVar: 'AMQP_URL',
    defaultUrl: 'amqp://guest:guest@127.0.0.1:5672',
  },
  mongodb: {
    kind: 'mongodb',
    title: 'MongoDB',
    envVar: 'MONGO_URL',
    defaultUrl: 'mongodb://127.0.0.1:27017',
  },
  nats: {
    kind: 'nats',
    title: 'NATS',
    envVar: 'NATS_URL',
    defaultUrl: 'nats://127.0.0.1:4222',
  },
});

export const SERVER_KINDS: readonly ServerKind[] = ['rabbitmq', 'mongodb', 'nats'];
