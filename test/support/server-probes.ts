// Does a real server of the expected kind answer at a URL? Each probe speaks the first step of the
// protocol, so a port held by something else does not count as the server.
import { firstBytes, hostPort } from './first-bytes.ts';

const PROBE_TIMEOUT_MS = 2_000;

// AMQP 0-9-1 protocol header; a broker answers with a connection.start method frame.
const AMQP_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0x00, 0x00, 0x09, 0x01]);
const FRAME_METHOD = 1;
const CLASS_CONNECTION = 10;
const METHOD_START = 10;

export async function amqpAnswers(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  // Only plain AMQP is probed: the probes check local defaults and servers started here.
  if (new URL(url).protocol !== 'amqp:') return false;
  const reply = await firstBytes(hostPort(url, 5672), AMQP_HEADER, timeoutMs);
  return (
    reply !== undefined &&
    reply.length >= 11 &&
    reply[0] === FRAME_METHOD &&
    reply.readUInt16BE(7) === CLASS_CONNECTION &&
    reply.readUInt16BE(9) === METHOD_START
  );
}

// A NATS server speaks first: "INFO {...}\r\n".
export async function natsAnswers(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const reply = await firstBytes(hostPort(url, 4222), undefined, timeoutMs);
  return reply?.subarray(0, 5).toString('latin1') === 'INFO ';
}

// MongoDB: a real `ping` through the driver, which also covers FerretDB and replica-set URLs.
export async function mongoAnswers(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
  });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

// PostgreSQL answers an SSLRequest with a single byte, 'S' or 'N'.
const POSTGRES_SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

export async function postgresAnswers(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const reply = await firstBytes(hostPort(url, 5432), POSTGRES_SSL_REQUEST, timeoutMs);
  const answer = reply?.subarray(0, 1).toString('latin1');
  return answer === 'S' || answer === 'N';
}
