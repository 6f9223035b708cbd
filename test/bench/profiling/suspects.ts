// The costs the issue "Throughput of the whole pipeline" suspects, as groups of npm packages: each
// group's time in a profile says whether that suspect is worth chasing.
export interface Suspect {
  name: string;
  /** Whether a package (as frame-labels' packageOf names it) belongs to the suspect. */
  has(pkg: string): boolean;
}

const oneOf =
  (...names: string[]) =>
  (pkg: string) =>
    names.includes(pkg);

export const SUSPECTS: readonly Suspect[] = [
  { name: 'MongoDB driver', has: oneOf('mongodb', 'bson', 'mongodb-connection-string-url') },
  { name: 'zod', has: oneOf('zod') },
  { name: 'NATS', has: (pkg) => pkg === 'nats' || pkg.startsWith('@nats-io/') },
  { name: 'nodemailer / SMTP', has: (pkg) => pkg === 'nodemailer' || pkg.startsWith('smtp') },
  {
    name: 'OpenTelemetry',
    has: (pkg) => pkg.startsWith('@opentelemetry/') || pkg === 'protobufjs' || pkg.startsWith('@protobufjs/'),
  },
  {
    name: 'pino',
    has: oneOf(
      'pino',
      'sonic-boom',
      'pino-std-serializers',
      'fast-redact',
      '@pinojs/redact',
      'thread-stream',
    ),
  },
  { name: 'amqplib', has: oneOf('amqplib', 'buffer-more-ints', '@acuminous/bitsyntax') },
];
