// /readyz for the peer's worker and notifier processes: 503 until the process says it is ready, then
// 200, so the bench starts them the way it starts Conveyor's services (waitUntilReady).
import { createServer, type Server } from 'node:http';

export interface ReadinessServer {
  ready(): void;
  close(): Promise<void>;
}

export async function startReadinessServer(port: number): Promise<ReadinessServer> {
  let ready = false;
  const server: Server = createServer((request, response) => {
    const ok = request.url === '/healthz' || (request.url === '/readyz' && ready);
    response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: ok ? 'ok' : 'not-ready' }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    ready: () => {
      ready = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
