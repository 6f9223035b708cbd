// `npm run bench`: finds or starts the servers (as the test rig does), runs every scenario for several
// interleaved rounds, writes test/bench/RESULTS.md, and prints one JSON line of ratios on stdout
// (progress goes to stderr). Sizes: see bench-options.ts (flags or BENCH_* variables).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveServers, SERVER_SPECS } from '../support/index.ts';
import { readBenchOptions } from './bench-options.ts';
import { loadavg } from 'node:os';
import { redisUrl } from './harness/redis-url.ts';
import { startSqliteFerretdb } from './harness/sqlite-ferretdb.ts';
import { machineInfo } from './machine-info.ts';
import { writeReport } from './report.ts';
import { runRounds } from './rounds.ts';
import { planScenarios } from './scenario-plan.ts';
import { ratiosJson, summarize } from './summary.ts';

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const options = readBenchOptions(
  process.argv.slice(2),
  process.env,
  join(dirname(fileURLToPath(import.meta.url)), 'RESULTS.md'),
);
const startedAt = new Date();
const servers = await resolveServers();
let sqlite: Awaited<ReturnType<typeof startSqliteFerretdb>> | undefined;
try {
  // The order pipeline's service processes read these, as the integration tests' do.
  process.env[SERVER_SPECS.rabbitmq.envVar] = servers.amqpUrl;
  process.env[SERVER_SPECS.mongodb.envVar] = servers.mongoUrl;
  process.env[SERVER_SPECS.nats.envVar] = servers.natsUrl;
  for (const line of servers.report) progress(line);
  const locations = { amqpUrl: servers.amqpUrl, mongoUrl: servers.mongoUrl, redisUrl: redisUrl() };
  const machine = await machineInfo({ ...locations, report: servers.report });
  progress(
    `${machine.cores} cores, Node ${machine.node}, ${machine.rabbitmq}, ${machine.redis}, ` +
      `MongoDB-wire ${machine.mongo.url} (${machine.mongo.ferretdb ? 'FerretDB' : 'MongoDB'})`,
  );
  // The inbox is measured per MongoDB-wire backend: the rig's, and FerretDB on SQLite beside it.
  const wantsSqlite = options.only.length === 0 || options.only.includes('conveyor-inbox-sqlite-throughput');
  if (wantsSqlite && machine.mongo.ferretdb && machine.mongo.how?.includes('SQLite') !== true) {
    try {
      sqlite = await startSqliteFerretdb(progress);
      progress(`second inbox backend: ${sqlite.how}`);
    } catch (error) {
      progress(`no FerretDB on SQLite for the second inbox backend: ${String(error)}`);
    }
  }
  const plan = planScenarios(options.sizes, { ...locations, sqliteMongoUrl: sqlite?.url, progress }).filter(
    (scenario) => options.only.length === 0 || options.only.includes(scenario.id),
  );
  const runs = await runRounds(plan, options.sizes.rounds, (run, title) => {
    const outcome =
      run.error ??
      Object.entries(run.metrics ?? {})
        .filter(([name]) => !name.startsWith('rss:'))
        .map(([name, value]) => `${name}=${Number.isInteger(value) ? value : value.toFixed(2)}`)
        .join(' ');
    progress(`round ${run.round} ${title} (${run.seconds.toFixed(1)} s): ${outcome}`);
  });
  for (const scenario of plan) await scenario.cleanup?.();
  const summary = summarize(runs);
  await writeReport(options.out, {
    startedAt,
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    machine,
    loadAtEnd: loadavg(),
    serverReport: [...servers.report, ...(sqlite === undefined ? [] : [`MongoDB (SQLite): ${sqlite.how}`])],
    sizes: options.sizes,
    runs,
    summary,
  });
  progress(`wrote ${options.out}`);
  if (summary.failures.length > 0) process.exitCode = 1;
  process.stdout.write(`${ratiosJson(summary)}\n`);
} finally {
  await sqlite?.stop();
  await servers.stop();
}
