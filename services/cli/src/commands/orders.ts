// conveyor orders place|get|watch: the gateway's order API (GATEWAY_URL).
import { orderProgressEvent } from '@conveyor/contracts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../command-context.ts';
import { OrderNotCompletedError } from '../errors/order-not-completed-error.ts';
import { StreamEndedError } from '../errors/stream-ended-error.ts';
import { UsageError } from '../errors/usage-error.ts';
import { apiKeyOption } from '../gateway/api-key-option.ts';
import { orderAccepted, orderView } from '../gateway/gateway-views.ts';
import { sseFrames } from '../gateway/sse-frames.ts';
import { readJsonInput } from '../json-input.ts';
import { formatOrder, formatProgress } from '../orders/format-order.ts';
import { hasOrderFlags, orderBodyFromFlags } from '../orders/place-order-input.ts';
import { expectPositionals, parseCommandLine } from '../parse-command-line.ts';

const placeCommand: Command = {
  name: 'place',
  summary: 'place an order (POST /v1/orders)',
  help: `Usage: conveyor orders place (--data <json> | --file <path> | --customer <id> --email <address> --item <SKU[:QTY]>... [--express]) [options]

Options:
  --data <json>, --file <path>   the order body as the API takes it (see GATEWAY_URL/docs)
  --customer <id>                customer id
  --email <address>              customer e-mail
  --item <SKU[:QTY]>             an item (repeat for more); quantity 1 when not given
  --express                      fulfil at express priority
  --idempotency-key <key>        the same key places the order once, however often it is sent
  --api-key <key>                the gateway API key (default: CONVEYOR_API_KEY); it decides the tenant
  --json                         print the gateway's answer as JSON

Example:
  conveyor orders place --customer c-1 --email c1@example.test --item WIDGET-1:2 --express`,
  async run(args, context) {
    const command = 'orders place';
    const { values, positionals } = parseCommandLine(command, args, {
      ...apiKeyOption,
      data: { type: 'string' },
      file: { type: 'string' },
      customer: { type: 'string' },
      email: { type: 'string' },
      item: { type: 'string', multiple: true },
      express: { type: 'boolean' },
      'idempotency-key': { type: 'string' },
    });
    expectPositionals(command, positionals, []);
    const given = await readJsonInput(command, context.io, values);
    if (given !== undefined && hasOrderFlags(values)) {
      throw new UsageError('give the order as --data/--file or as flags, not both', command);
    }
    const body = given ?? orderBodyFromFlags(command, values);
    const key = values['idempotency-key'];
    const accepted = await context.gateway(values['api-key']).json(
      {
        method: 'POST',
        path: '/v1/orders',
        body,
        headers: key === undefined ? {} : { 'idempotency-key': key },
      },
      orderAccepted,
    );
    context.output.result(
      accepted,
      () => `order ${accepted.id} ${accepted.status}\nfollow it: conveyor orders watch ${accepted.id}`,
    );
  },
};

const getCommand: Command = {
  name: 'get',
  summary: 'show an order: status, steps, history',
  help: `Usage: conveyor orders get <order-id> [--api-key <key>] [--json]

Exit code 3 when the order does not exist (for the API key's tenant).`,
  async run(args, context) {
    const command = 'orders get';
    const { values, positionals } = parseCommandLine(command, args, apiKeyOption);
    const [id = ''] = expectPositionals(command, positionals, ['<order-id>']);
    const order = await context
      .gateway(values['api-key'])
      .json(
        { method: 'GET', path: `/v1/orders/${encodeURIComponent(id)}`, resource: { kind: 'order', id } },
        orderView,
      );
    context.output.result(order, () => formatOrder(order));
  },
};

const watchCommand: Command = {
  name: 'watch',
  summary: 'follow an order live until it finishes (Server-Sent Events)',
  help: `Usage: conveyor orders watch <order-id> [--api-key <key>] [--json]

Prints the order, then each progress event, until the order completes (exit code 0) or ends
compensated or failed (exit code 1). With --json, one JSON object per line: {"event":"snapshot"|
"progress","data":...}. Ctrl-C stops watching (exit code 0). Exit code 3 when the order does not exist.`,
  async run(args, context) {
    const command = 'orders watch';
    const { values, positionals } = parseCommandLine(command, args, apiKeyOption);
    const [id = ''] = expectPositionals(command, positionals, ['<order-id>']);
    await watchOrder(context, values['api-key'], id);
  },
};

async function watchOrder(context: CommandContext, apiKey: string | undefined, id: string): Promise<void> {
  let status: string | undefined;
  try {
    const response = await context.gateway(apiKey).send({
      method: 'GET',
      path: `/v1/orders/${encodeURIComponent(id)}/events`,
      headers: { accept: 'text/event-stream' },
      resource: { kind: 'order', id },
    });
    if (response.body === null) throw new StreamEndedError('order', id);
    for await (const frame of sseFrames(response.body)) {
      if (frame.event === 'snapshot') {
        const order = orderView.parse(JSON.parse(frame.data));
        status = order.status;
        context.output.event({ event: 'snapshot', data: order }, () => formatOrder(order));
      } else if (frame.event === 'progress') {
        const event = orderProgressEvent.parse(JSON.parse(frame.data));
        status = event.status;
        context.output.event({ event: 'progress', data: event }, () => formatProgress(event));
      }
    }
  } catch (error) {
    // Ctrl-C aborts the request: watching ends there, which is what was asked.
    if (context.signal.aborted) return;
    throw error;
  }
  // Loaded on use, like the store (see connections.ts): @conveyor/orders brings the database driver.
  const { isTerminalOrderStatus } = await import('@conveyor/orders');
  if (status === undefined || !isTerminalOrderStatus(status)) throw new StreamEndedError('order', id);
  if (status !== 'completed') throw new OrderNotCompletedError(id, status);
  context.output.note(`order ${id} completed`);
}

export const ordersCommand: Command = {
  name: 'orders',
  summary: 'place, show and follow orders through the gateway',
  help: `The gateway is GATEWAY_URL (default http://127.0.0.1:8080); the API key is --api-key or
CONVEYOR_API_KEY, and it decides the tenant.`,
  subcommands: [placeCommand, getCommand, watchCommand],
};
