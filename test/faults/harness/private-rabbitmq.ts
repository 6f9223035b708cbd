// A RabbitMQ node of the fault suite's own, beside the shared one: its own node name, AMQP and
// distribution ports, database and log directories, and no plugins, so that stop_app, start_app and
// close_all_connections harm nobody else. Started with the machine's rabbitmq-server (as root the
// Debian wrapper runs it as the rabbitmq user, whose Erlang cookie rabbitmqctl shares), ~6-20 s.
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { amqpAnswers, dockerAnswers, serverSourcePreference, waitFor } from '../../support/index.ts';
import { startRabbitmqContainerNode } from './private-containers.ts';
import { freePort } from '../../e2e/service-process.ts';
import { rabbitmqNodeControls } from './rabbitmq-node-controls.ts';
import type { PrivateRabbitmq } from './rabbitmq-node.ts';

const run = promisify(execFile);
const bootTimeoutMs = 90_000;
const ctlTimeoutMs = 60_000;

export type { BrokerPolicy, PrivateRabbitmq, QueueDepth } from './rabbitmq-node.ts';

/** A container when TEST_SERVER_SOURCE=containers and an engine answers, else a node on the host. */
export async function startPrivateRabbitmq(): Promise<PrivateRabbitmq> {
  if (serverSourcePreference(process.env) === 'containers' && (await dockerAnswers())) {
    return startRabbitmqContainerNode();
  }
  return startHostRabbitmqNode();
}

async function startHostRabbitmqNode(): Promise<PrivateRabbitmq> {
  const port = await freePort();
  const distPort = await freePort();
  const nodeName = `conveyor-faults-${process.pid}-${port}@localhost`;
  const url = `amqp://guest:guest@127.0.0.1:${port}`;
  const base = await mkdtemp(join(tmpdir(), 'conveyor-faults-rabbitmq-'));
  await prepareDirectories(base, port);

  const ctl = async (...args: readonly string[]): Promise<string> =>
    (await run('rabbitmqctl', ['-n', nodeName, ...args], { timeout: ctlTimeoutMs })).stdout;
  const answering = () =>
    waitFor(() => amqpAnswers(url), {
      what: `the private RabbitMQ node ${nodeName} to answer AMQP on ${url}`,
      timeoutMs: bootTimeoutMs,
      intervalMs: 250,
    });
  let stopping: Promise<void> | undefined;
  const node: PrivateRabbitmq = {
    url,
    nodeName,
    ...rabbitmqNodeControls(ctl, answering),
    stop() {
      stopping ??= (async () => {
        await ctl('stop').catch(() => undefined);
        await rm(base, { recursive: true, force: true });
      })();
      return stopping;
    },
  };

  try {
    await run('rabbitmq-server', ['-detached'], {
      timeout: ctlTimeoutMs,
      env: {
        ...process.env,
        RABBITMQ_NODENAME: nodeName,
        RABBITMQ_NODE_PORT: String(port),
        RABBITMQ_DIST_PORT: String(distPort),
        RABBITMQ_MNESIA_BASE: join(base, 'mnesia'),
        RABBITMQ_LOG_BASE: join(base, 'log'),
        RABBITMQ_ENABLED_PLUGINS_FILE: join(base, 'enabled_plugins'),
        // The machine's rabbitmq.conf pins the listener to 5672: this node gets a file of its own.
        RABBITMQ_CONFIG_FILE: join(base, 'rabbitmq.conf'),
      },
    });
    await answering();
  } catch (error) {
    await node.stop();
    throw error;
  }
  return node;
}

/** The node's files, owned by the rabbitmq user when we are root (the wrapper switches to it). */
async function prepareDirectories(base: string, port: number): Promise<void> {
  await mkdir(join(base, 'mnesia'));
  await mkdir(join(base, 'log'));
  await writeFile(join(base, 'enabled_plugins'), '[].\n');
  await writeFile(join(base, 'rabbitmq.conf'), `listeners.tcp.local = 127.0.0.1:${port}\n`);
  await chmod(base, 0o755);
  if (userInfo().uid !== 0) return;
  const { stdout } = await run('id', ['-u', 'rabbitmq']);
  const { stdout: gid } = await run('id', ['-g', 'rabbitmq']);
  const owner = { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
  for (const path of [
    base,
    join(base, 'mnesia'),
    join(base, 'log'),
    join(base, 'enabled_plugins'),
    join(base, 'rabbitmq.conf'),
  ]) {
    await chown(path, owner.uid, owner.gid);
  }
}
