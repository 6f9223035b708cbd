// conveyor tail: live order progress events from NATS (conveyor.progress.>) until Ctrl-C. Progress
// events are best-effort: what is missed here is still in the order's history (orders get).
import { orderProgressEvent } from '@conveyor/contracts';
import type { Command } from '../command.ts';
import { formatProgress } from '../orders/format-order.ts';
import { expectPositionals, parseCommandLine } from '../parse-command-line.ts';

export const tailCommand: Command = {
  name: 'tail',
  summary: 'print live progress events from NATS until Ctrl-C',
  help: `Usage: conveyor tail [--tenant <id>] [--json]

Subscribes to conveyor.progress.> at NATS_URL (conveyor.progress.<tenant>.> with --tenant) and prints
each event; with --json one JSON object per line.`,
  async run(args, context) {
    const command = 'tail';
    const { values, positionals } = parseCommandLine(command, args, { tenant: { type: 'string' } });
    expectPositionals(command, positionals, []);
    const subject =
      values.tenant === undefined ? 'conveyor.progress.>' : `conveyor.progress.${values.tenant}.>`;
    const events = await context.connections().events();
    const subscription = events.subscribe(subject, orderProgressEvent, (event) => {
      context.output.event(event, () => formatProgress(event));
    });
    try {
      // The server must know the subscription before we say we are listening.
      await events.connection.flush();
      context.output.note(`listening on ${subject} (Ctrl-C to stop)`);
      await interrupted(context.signal);
    } finally {
      await subscription.unsubscribe();
    }
  },
};

function interrupted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
