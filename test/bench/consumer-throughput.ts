// A quick comparison without the rounds of `npm run bench`: raw amqplib (same guarantees and message
// shape), the consumer host without and with the MongoDB inbox, one run each, against the servers the
// test rig finds or starts. Prints figures and ratios; asserts nothing.
// Usage: node test/bench/consumer-throughput.ts [N=20000] [consumers=4] [prefetch=100]
import { resolveServers } from '../support/index.ts';
import type { ThroughputFigures } from './harness/figures.ts';
import { conveyorThroughput } from './scenarios/conveyor-throughput.ts';
import { rawThroughput } from './scenarios/raw-throughput.ts';

const messages = Number(process.argv[2] ?? 20_000);
const consumers = Number(process.argv[3] ?? 4);
const prefetch = Number(process.argv[4] ?? 100);
const servers = await resolveServers();
const { amqpUrl, mongoUrl } = servers;
const options = { amqpUrl, messages, consumers, prefetch, timeoutMs: 300_000 };
let results: [string, ThroughputFigures][];
try {
  results = [
    ['raw amqplib', await rawThroughput(options)],
    ['conveyor consumer host (no inbox)', await conveyorThroughput(options)],
    [
      'conveyor consumer host + MongoDB inbox',
      await conveyorThroughput({ ...options, inboxMongoUrl: mongoUrl }),
    ],
  ];
} finally {
  await servers.stop();
}
const raw = results[0]?.[1].perSecond ?? Number.NaN;
process.stdout.write(
  `N=${messages}, ${consumers} consumers × prefetch ${prefetch}, MongoDB-wire: ${mongoUrl}\n`,
);
for (const [name, figures] of results) {
  const cpu = Object.entries(figures.cpuUsPerMessage)
    .map(([process, us]) => `${process} ${us.toFixed(0)}`)
    .join(', ');
  process.stdout.write(
    `${name.padEnd(40)} ${figures.perSecond.toFixed(0).padStart(7)} msg/s  ${(figures.perSecond / raw).toFixed(2)}× raw  (CPU µs/msg: ${cpu})\n`,
  );
}
