// A TCP proxy in front of the test database that can be cut (listening stops, every piped connection
// is destroyed: connections refused, as when the server is stopped) and resumed on the same port, that
// can swallow the first connections made after a resume without forwarding them, and freeze the open
// ones: the server accepted them and never answers, so a wait without a timeout on one never ends.
import { createServer, createConnection, type Server, type Socket } from 'node:net';

export interface OutageProxy {
  /** `url` with its host and port replaced by the proxy's (127.0.0.1:<port>). */
  readonly url: string;
  /** Stops listening and destroys every connection. Resolves when the port refuses connections. */
  cut(): Promise<void>;
  /** Listens on the same port again; the first `swallowed` connections are held and never forwarded. */
  resume(options?: { swallowed?: number }): Promise<void>;
  /**
   * Stops forwarding on every open connection but the first (the driver's monitor, made first): the
   * server keeps them and answers nothing on them. New connections are forwarded.
   */
  freezeAllButFirst(): void;
  /** Connections held unanswered so far. */
  readonly swallowedCount: number;
  close(): Promise<void>;
}

export async function startOutageProxy(url: string): Promise<OutageProxy> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  let toSwallow = 0;
  /** Client-side sockets in the order they connected, with their upstream. */
  const pairs: Array<{ client: Socket; upstream: Socket }> = [];
  let swallowedCount = 0;
  const open = async (port: number): Promise<Server> => {
    const server = createServer((client) => {
      track(client);
      if (toSwallow > 0) {
        toSwallow -= 1;
        swallowedCount += 1;
        client.resume();
        return;
      }
      const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
      track(upstream);
      pairs.push({ client, upstream });
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    return server;
  };
  let server: Server | undefined = await open(0);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new TypeError('the proxy has no TCP port');
  const port = address.port;
  const proxied = new URL(url);
  proxied.host = `127.0.0.1:${String(port)}`;
  const cut = async () => {
    const listening = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (listening !== undefined) await new Promise<void>((resolve) => listening.close(() => resolve()));
  };
  return {
    url: proxied.toString(),
    cut,
    async resume(options = {}) {
      if (server !== undefined) return;
      toSwallow = options.swallowed ?? 0;
      server = await open(port);
    },
    freezeAllButFirst() {
      for (const { client, upstream } of pairs.slice(1)) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        // Read and drop what the client still sends, so the client's writes succeed and it waits to read.
        client.on('data', () => undefined);
        upstream.on('data', () => undefined);
      }
    },
    get swallowedCount() {
      return swallowedCount;
    },
    close: cut,
  };
}
