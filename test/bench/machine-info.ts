// What the figures were measured on: the machine, the Node that ran the suite, and each server's
// version, including which MongoDB-wire server the inbox used (FerretDB answers buildInfo with a
// ferretdbVersion field; real MongoDB does not).
import { connect } from 'node:net';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import amqp from 'amqplib';
import { MongoClient } from 'mongodb';
import { redisAddress } from './harness/redis-url.ts';

export interface MongoBackend {
  url: string;
  /** The server's reported MongoDB compatibility version. */
  version: string;
  ferretdb: boolean;
  /** How the test rig found or started it, when the rig did. */
  how: string | undefined;
}

export interface MachineInfo {
  cores: number;
  /** 1, 5 and 15 minute load averages when the suite started: the machine is shared. */
  loadAverage: number[];
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  rabbitmq: string;
  redis: string;
  mongo: MongoBackend;
}

export interface ServerLocations {
  amqpUrl: string;
  mongoUrl: string;
  redisUrl: string;
  /** The test rig's one line per server, e.g. "MongoDB: mongodb://… (started FerretDB …)". */
  report?: readonly string[];
}

export async function machineInfo(servers: ServerLocations): Promise<MachineInfo> {
  const [rabbitmq, redis, mongo] = await Promise.all([
    orUnknown(rabbitmqVersion(servers.amqpUrl)),
    orUnknown(redisVersion(servers.redisUrl)),
    mongoBackend(
      servers.mongoUrl,
      servers.report?.find((line) => line.startsWith('MongoDB')),
    ),
  ]);
  return {
    cores: availableParallelism(),
    loadAverage: loadavg(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    os: `${type()} ${release()}`,
    node: process.version,
    rabbitmq,
    redis,
    mongo,
  };
}

/** A version string is context, not a result: a server that does not say is reported, not fatal. */
async function orUnknown(version: Promise<string>): Promise<string> {
  try {
    return await version;
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message : String(error)})`;
  }
}

export function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

async function rabbitmqVersion(url: string): Promise<string> {
  const connection = await amqp.connect(url);
  try {
    const { product, version } = connection.connection.serverProperties;
    return `${product} ${version}`;
  } finally {
    await connection.close();
  }
}

async function mongoBackend(url: string, how: string | undefined): Promise<MongoBackend> {
  const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: 5_000 });
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    return {
      url: withoutCredentials(url),
      version: typeof info.version === 'string' ? info.version : 'unknown',
      ferretdb: 'ferretdbVersion' in info,
      how,
    };
  } finally {
    await client.close();
  }
}

/** `INFO server` over a bare socket: the suite needs no Redis client of its own for one line. */
async function redisVersion(url: string): Promise<string> {
  const { host, port } = redisAddress(url);
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = connect({ host, port });
    let received = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error(`Redis at ${host}:${port} did not answer`)));
    socket.on('connect', () => socket.write('INFO server\r\n'));
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.includes('redis_version:')) {
        socket.end();
        resolve(received);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => {
      reject(new Error(`Redis at ${host}:${port} closed the connection`));
    });
  });
  return `Redis ${/redis_version:([^\r\n]+)/.exec(reply)?.[1] ?? 'unknown'}`;
}
