// `npm start` itself (node scripts/start.ts) as a developer runs it, on ports, a vhost and a database
// of its own: a fulfilment worker killed with SIGKILL is restarted while the gateway keeps serving,
// each caught e-mail is printed with its Message-ID, and Ctrl-C (SIGINT) stops every process it started.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  conveyorVhostDefinitions,
  readBrokerDefinitions,
  removeBrokerDefinitions,
  SERVER_SPECS,
  serverUrls,
  spawnNode,
  startFerretdb,
  uniqueName,
  type StartedFerretdb,
  waitFor,
} from '../support/index.ts';
import { freePort } from './service-process.ts';

const startScript = fileURLToPath(new URL('../../scripts/start.ts', import.meta.url));
const devApiKey = 'cvk_localdev_local-development-only-not-a-secret';
const healthPortVariables = [
  'DEMO_WORKER_HEALTH_PORT',
  'FULFILMENT_WORKER_1_HEALTH_PORT',
  'NOTIFIER_HEALTH_PORT',
  'SCHEDULER_HEALTH_PORT',
  'JOB_WORKER_HEALTH_PORT',
  'FULFILMENT_WORKER_2_HEALTH_PORT',
] as const;

/** What a clean start never prints: npm's engine mismatch, Node's and libraries' process warnings. */
const startUpNoise =
  /\bEBADENGINE\b|\b(?:Deprecation|Experimental)Warning\b|\[FSTDEP\d+\]|\(node:\d+\) Warning/;

/** npm start's output, line by line, kept for the assertions and for a failing test's message. */
class Output {
  readonly lines: string[] = [];

  constructor(child: ChildProcess) {
    for (const stream of [child.stdout, child.stderr])
      if (stream !== null) createInterface({ input: stream }).on('line', (line) => this.lines.push(line));
  }

  async match(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return waitFor(
      () => this.lines.map((line) => pattern.exec(line)).find((match) => match !== null) ?? false,
      { what: `npm start to print ${String(pattern)}\n${this.tail()}`, timeoutMs, intervalMs: 100 },
    );
  }

  tail(): string {
    return this.lines.slice(-60).join('\n');
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const ready = async (port: number) =>
  (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200;

/** The rig's broker is the local node (in a vhost of the run's own): npm start would find it there too. */
function onTheLocalNode(amqpUrl: string): boolean {
  return new URL(amqpUrl).host === new URL(SERVER_SPECS.rabbitmq.defaultUrl).host;
}

describe('npm start (node scripts/start.ts)', () => {
  const vhost = `/${uniqueName('conveyor-e2e')}`;
  const database = uniqueName('conveyor_npm_start').replace(/-/g, '_');
  const ports = new Map<string, number>();
  let privateMongo: StartedFerretdb | undefined;
  let start: ChildProcess;
  let output: Output;
  let exited: Promise<unknown[]>;

  beforeAll(async () => {
    // The FerretDB at the local default address belongs to whichever test run started it and goes when
    // that run ends; npm start's services would lose their database mid-test. A private one stays.
    const sharedMongo = serverUrls().mongoUrl;
    if (new URL(sharedMongo).host === new URL(SERVER_SPECS.mongodb.defaultUrl).host)
      privateMongo = await startFerretdb({
        listen: `127.0.0.1:${await freePort()}`,
        privateDatabase: database,
      });
    for (const variable of ['PORT', 'DASHBOARD_PORT', ...healthPortVariables])
      ports.set(variable, await freePort());
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...Object.fromEntries([...ports].map(([variable, port]) => [variable, String(port)])),
      MONGO_URL: privateMongo?.url ?? sharedMongo,
      MONGO_DB: database,
      MAIL_CATCHER_PORT: '0',
      CONVEYOR_VHOST: vhost,
      LEADER_BUCKET: uniqueName('npm_start_leader').replace(/-/g, '_'),
      LOG_LEVEL: 'warn',
    };
    delete env.SMTP_URL;
    delete env.CONVEYOR_START_EXIT_AFTER_DEMO;
    // The local node: npm start then sets up its own vhost, as on a developer's machine.
    if (onTheLocalNode(serverUrls().amqpUrl)) delete env.AMQP_URL;
    start = spawnNode([startScript], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    output = new Output(start);
    exited = once(start, 'exit');
  }, 90_000);

  afterAll(async () => {
    if (start.exitCode === null && start.signalCode === null) {
      start.kill('SIGINT');
      await exited;
    }
    if (privateMongo !== undefined) await privateMongo.stop();
    else {
      const mongo = await MongoClient.connect(serverUrls().mongoUrl);
      await mongo.db(database).dropDatabase();
      await mongo.close();
    }
    if (onTheLocalNode(serverUrls().amqpUrl))
      await removeBrokerDefinitions(conveyorVhostDefinitions(await readBrokerDefinitions(), vhost));
  }, 60_000);

  it('restarts a killed fulfilment worker while the gateway keeps serving, then stops everything on Ctrl-C', async () => {
    await output.match(/^the demo order is done\./, 90_000);
    await output.match(/^\[mail\] <ord_[^>]+@conveyor\.local> to demo@example\.test: /, 20_000);
    if (onTheLocalNode(serverUrls().amqpUrl)) {
      // On the local node it says what it made on the broker: a vhost and users of its own.
      expect(output.lines.some((line) => line.includes(`created vhost ${vhost}`))).toBe(true);
      const usersLine = output.lines.find((line) => line.includes('users created:')) ?? '';
      expect(usersLine).toContain(`${vhost.slice(1)}-gateway`);
    }

    const [, victimPid] = await output.match(
      /^\[supervisor\] fulfilment-worker-1 started \(pid (\d+)\)$/,
      1_000,
    );
    process.kill(Number(victimPid), 'SIGKILL');
    await output.match(
      /^\[supervisor\] fulfilment-worker-1 was killed by SIGKILL after .*; restarting it in 0\.5 s/,
      10_000,
    );
    const [, restartedPid] = await output.match(
      /^\[supervisor\] fulfilment-worker-1 restarted \(pid (\d+), restart 1\)$/,
      10_000,
    );
    expect(restartedPid).not.toBe(victimPid);
    await waitFor(() => ready(ports.get('FULFILMENT_WORKER_1_HEALTH_PORT') ?? 0), {
      what: `the restarted fulfilment-worker-1 ready\n${output.tail()}`,
      timeoutMs: 30_000,
      intervalMs: 200,
    });

    const gateway = `http://127.0.0.1:${String(ports.get('PORT'))}`;
    const authorization = `Bearer ${devApiKey}`;
    const placed = await fetch(`${gateway}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({
        customerId: 'c-1',
        email: 'c1@example.test',
        items: [{ sku: 'WIDGET-1', qty: 1 }],
      }),
    });
    expect(placed.status).toBe(202);
    const { id } = z.object({ id: z.string() }).parse(await placed.json());
    await waitFor(
      async () => {
        const order = await fetch(`${gateway}/v1/orders/${id}`, { headers: { authorization } });
        return z.object({ status: z.string() }).parse(await order.json()).status === 'completed';
      },
      {
        what: `order ${id} completed after the restart\n${output.tail()}`,
        timeoutMs: 30_000,
        intervalMs: 250,
      },
    );

    const pids = [
      ...new Set(
        output.lines.flatMap(
          (line) => /^\[supervisor\] \S+ (?:started|restarted) \(pid (\d+)/.exec(line)?.[1] ?? [],
        ),
      ),
    ].map(Number);
    expect(pids.length).toBeGreaterThanOrEqual(9);
    start.kill('SIGINT');
    const [code] = await exited;

    const survivors = pids.filter(isAlive);
    for (const pid of survivors) process.kill(pid, 'SIGKILL');
    expect(code).toBe(0);
    expect(survivors).toEqual([]);
    const supervisorLines = output.lines.filter((line) => line.startsWith('[supervisor]'));
    expect(
      supervisorLines.filter((line) => / restarted /.test(line)),
      `only the killed worker restarted:\n${output.lines.join('\n')}`,
    ).toHaveLength(1);
    // A newcomer's start is quiet: no engine mismatch from npm, no warning from Node or a library.
    expect(output.lines.filter((line) => startUpNoise.test(line))).toEqual([]);
  }, 150_000);
});
