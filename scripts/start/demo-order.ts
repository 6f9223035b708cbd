// `npm start`'s demo: one express order placed through the gateway with the local-development key,
// followed to its end over the order's live event stream, each event printed.
import { z } from 'zod';
import { DemoOrderRefusedError } from './demo-order-refused-error.ts';

const acceptedOrder = z.object({
  id: z.string(),
  traceId: z.string(),
  links: z.object({ events: z.string() }),
});

export async function runDemoOrder(
  gatewayUrl: string,
  apiKey: string,
  say: (line: string) => void,
): Promise<void> {
  const authorization = `Bearer ${apiKey}`;
  const placed = await fetch(`${gatewayUrl}/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({
      customerId: 'demo-customer',
      email: 'demo@example.test',
      items: [{ sku: 'WIDGET-1', qty: 2 }],
      express: true,
    }),
  });
  if (placed.status !== 202) throw new DemoOrderRefusedError(placed.status, await placed.text());
  const order = acceptedOrder.parse(await placed.json());
  say(`\nplaced demo order ${order.id} (trace ${order.traceId}); following its events:`);
  const stream = await fetch(`${gatewayUrl}${order.links.events}`, { headers: { authorization } });
  for (const line of (await stream.text()).split('\n'))
    if (line.startsWith('data:')) say(`  ${line.slice(5).trim()}`);
}
