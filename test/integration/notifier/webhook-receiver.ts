// A tenant's webhook endpoint for tests: a local HTTP server on port 0 that records each request's
// headers and raw body and answers with the status the test chooses per request.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '../../support/index.ts';

export interface ReceivedWebhook {
  method: string | undefined;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly requests: readonly ReceivedWebhook[];
  waitForRequests(count: number): Promise<readonly ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** `statusFor(n)` answers the n-th request (from 1). */
export async function startWebhookReceiver(
  statusFor: (n: number) => number = () => 204,
): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method,
        headers: request.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(statusFor(requests.length)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/hooks/conveyor?token=not-for-logs`,
    requests,
    waitForRequests: (count) =>
      waitFor(() => (requests.length >= count ? [...requests] : undefined), {
        what: `${count} webhook request(s)`,
        timeoutMs: 10_000,
      }),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
      return closing;
    },
  };
}
