// The probes must not mistake an unrelated listener, or a closed port, for a server. That they
// recognise the real servers is exercised by every integration run (the global setup uses them).
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { amqpAnswers, natsAnswers, postgresAnswers } from './server-probes.ts';

let server: Server | undefined;
const sockets = new Set<Socket>();

function track(socket: Socket): void {
  sockets.add(socket);
  socket.on('error', () => undefined); // the probe hangs up abruptly; that is its job
  socket.once('close', () => sockets.delete(socket));
}

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  if (server?.listening === true) {
    server.close();
    await once(server, 'close');
  }
  server = undefined;
});

/** A TCP listener that greets every connection with an HTTP error, like an unrelated service. */
async function unrelatedListener(): Promise<number> {
  server = createServer((socket) => {
    track(socket);
    socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on: bind one, then free it. */
async function closedPort(): Promise<number> {
  const port = await unrelatedListener();
  if (server !== undefined) {
    server.close();
    await once(server, 'close');
  }
  return port;
}

describe('server probes', () => {
  it('do not take an unrelated TCP service for a server', async () => {
    const port = await unrelatedListener();
    await expect(amqpAnswers(`amqp://127.0.0.1:${String(port)}`)).resolves.toBe(false);
    await expect(natsAnswers(`nats://127.0.0.1:${String(port)}`)).resolves.toBe(false);
    await expect(postgresAnswers(`postgres://127.0.0.1:${String(port)}`)).resolves.toBe(false);
  });

  it('answer false for a closed port', async () => {
    const port = await closedPort();
    await expect(amqpAnswers(`amqp://127.0.0.1:${String(port)}`)).resolves.toBe(false);
    await expect(natsAnswers(`nats://127.0.0.1:${String(port)}`)).resolves.toBe(false);
  });

  it('answer false for a listener that never speaks', async () => {
    server = createServer(track);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    await expect(natsAnswers(`nats://127.0.0.1:${String(port)}`, 100)).resolves.toBe(false);
  });
});
