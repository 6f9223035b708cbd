// A TCP proxy in front of a real server, for tests of an outage: whoever connected through it loses
// that server when the test calls cut() (listening stops, every piped connection is destroyed), so the
// port then refuses connections, as a crashed or unreachable database does.
import { createServer, createConnection, type Socket } from 'node:net';

export interface ClosableProxy {
  /** `url` with its host and port replaced by the proxy's (127.0.0.1:<port>). */
  url: string;
  /** Idempotent. Resolves when nothing listens on the port any more. */
  cut(): Promise<void>;
}

/** Proxies to the host and port of `url` (a single-host URL such as mongodb://127.0.0.1:27017/). */
export async function startClosableProxy(url: string): Promise<ClosableProxy> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new TypeError('the proxy has no TCP port');
  const proxied = new URL(url);
  proxied.host = `127.0.0.1:${address.port}`;
  let cutting: Promise<void> | undefined;
  return {
    url: proxied.toString(),
    cut() {
      cutting ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return cutting;
    },
  };
}
