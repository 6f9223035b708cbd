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
import { amqpAnswers, waitFor } from '../../support/index.ts';
import { freePort } from '../../e2e/service-process.ts';

const run = promisify(execFile);
const bootTimeoutMs = 90_000;
const ctlTimeoutMs = 60_000;

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

/** RabbitMQ's default high watermark (a fraction of the machine's memory). */
const defaultMemoryWatermark = '0.4';

export async function startPrivateRabbitmq(): Promise<PrivateRabbitmq> {
  const port = await freePort();
  const distPort = await freePort();
  const nodeName = `conveyor-faults-${process.pid}-${port}@localhost`;
  const url = `amqp://guest:guest@127.0.0.1:${port}`;
  const base = await mkdtemp(join(tmpdir(), 'conveyor-faults-rabbitmq-'));
  await prepareDirectories(base, port);

  const ctl = async (...args: string[]): Promise<string> =>
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
    async stopApp() {
      await ctl('stop_app');
    },
    async startApp() {
      await ctl('start_app');
      await answering();
    },
    async closeAllConnections(reason) {
      const output = await ctl('close_all_connections', reason);
      return Number(/Closed (\d+) connections/.exec(output)?.[1] ?? 0);
    },
    async connectionStates() {
      const output = await ctl('list_connections', '--quiet', '--no-table-headers', 'state');
      return output
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
    },
    async listQueues() {
      const output = await ctl(
        'list_queues',
        '--quiet',
        '--no-table-headers',
        'name',
        'messages',
        'messages_unacknowledged',
      );
      return output
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter((fields) => fields.length === 3)
        .map(([name = '', messages = '0', unacknowledged = '0']) => ({
          name,
          messages: Number(messages),
          unacknowledged: Number(unacknowledged),
        }));
    },
    async raiseMemoryAlarm() {
      await ctl('set_vm_memory_high_watermark', 'absolute', '1');
    },
    async restoreMemoryWatermark() {
      await ctl('set_vm_memory_high_watermark', defaultMemoryWatermark);
    },
    async setPolicy(policy) {
      await ctl(
        'set_policy',
        '--apply-to',
        policy.applyTo,
        policy.name,
        policy.pattern,
        JSON.stringify(policy.definition),
      );
    },
    async clearPolicy(name) {
      await ctl('clear_policy', name);
    },
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
