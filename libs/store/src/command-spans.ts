// MongoDB CLIENT spans from the driver's command monitoring, for a store given a tracer (tests and
// tools). Services do not pass one: there the NodeSDK preload's mongodb instrumentation traces the
// driver (libs/telemetry/README.md). Events fire inside the caller's async context,
// so each span is a child of the span that issued the command.
import { SpanKind, SpanStatusCode, context, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent, MongoClient } from 'mongodb';

/** Commands the driver runs for itself; tracing them would bury the application's own. */
const unsampledCommands = new Set([
  'hello',
  'isMaster',
  'ismaster',
  'ping',
  'saslStart',
  'saslContinue',
  'endSessions',
]);

export function traceCommands(client: MongoClient, tracer: Tracer): void {
  const open = new Map<number, Span>();
  client.on('commandStarted', (event: CommandStartedEvent) => {
    if (unsampledCommands.has(event.commandName)) return;
    // Only commands issued inside a traced operation get a span: no orphan root spans per poll.
    if (trace.getSpan(context.active()) === undefined) return;
    const collection: unknown = event.command[event.commandName];
    open.set(
      event.requestId,
      tracer.startSpan(
        `${event.commandName} ${event.databaseName}${typeof collection === 'string' ? `.${collection}` : ''}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'db.system.name': 'mongodb',
            'db.namespace': event.databaseName,
            'db.operation.name': event.commandName,
            ...(typeof collection === 'string' ? { 'db.collection.name': collection } : {}),
          },
        },
      ),
    );
  });
  const finish = (event: CommandSucceededEvent | CommandFailedEvent, failure?: Error) => {
    const span = open.get(event.requestId);
    if (span === undefined) return;
    open.delete(event.requestId);
    if (failure !== undefined) {
      span.recordException(failure);
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  };
  client.on('commandSucceeded', (event: CommandSucceededEvent) => finish(event));
  client.on('commandFailed', (event: CommandFailedEvent) => finish(event, event.failure));
}
