// The MongoDB instrumentation of this OpenTelemetry generation (0.208) writes the semconv 1.7 names
// (`db.system`, `db.name`...). Conveyor's spans, its tests and its operators' queries use the stable
// names (`db.system.name`, `db.namespace`...), so the instrumentation gets a tracer whose spans also
// write each of those attributes under its stable name. Drop this once the instrumentation is on a
// generation that has OTEL_SEMCONV_STABILITY_OPT_IN=database (instrumentation-mongodb 0.63+).
import type {
  Attributes,
  AttributeValue,
  Context,
  Exception,
  Link,
  Span,
  SpanContext,
  SpanOptions,
  SpanStatus,
  TimeInput,
  Tracer,
  TracerOptions,
  TracerProvider,
} from '@opentelemetry/api';

/** semconv 1.7 name → stable name. */
export const stableDatabaseAttributeNames: Readonly<Record<string, string>> = {
  'db.system': 'db.system.name',
  'db.name': 'db.namespace',
  'db.operation': 'db.operation.name',
  'db.mongodb.collection': 'db.collection.name',
  'net.peer.name': 'server.address',
  'net.peer.port': 'server.port',
};

/** A tracer provider whose spans write every old database attribute under its stable name too. */
export function withStableDatabaseAttributes(provider: TracerProvider): TracerProvider {
  return {
    getTracer: (name: string, version?: string, options?: TracerOptions) =>
      new StableAttributesTracer(provider.getTracer(name, version, options)),
  };
}

class StableAttributesTracer implements Tracer {
  readonly #tracer: Tracer;

  constructor(tracer: Tracer) {
    this.#tracer = tracer;
  }

  startSpan(name: string, options?: SpanOptions, context?: Context): Span {
    return new StableAttributesSpan(this.#tracer.startSpan(name, withStableNames(options), context));
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    context: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...args: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> {
    const wrap = (fn: F) => ((span: Span) => fn(new StableAttributesSpan(span))) as F;
    if (args.length === 1) return this.#tracer.startActiveSpan(name, wrap(args[0]));
    const options = withStableNames(args[0]) ?? {};
    if (args.length === 2) return this.#tracer.startActiveSpan(name, options, wrap(args[1]));
    return this.#tracer.startActiveSpan(name, options, args[1], wrap(args[2]));
  }
}

class StableAttributesSpan implements Span {
  readonly #span: Span;

  constructor(span: Span) {
    this.#span = span;
  }

  spanContext(): SpanContext {
    return this.#span.spanContext();
  }

  setAttribute(key: string, value: AttributeValue): this {
    this.#span.setAttributes(withStableAttributeNames({ [key]: value }));
    return this;
  }

  setAttributes(attributes: Attributes): this {
    this.#span.setAttributes(withStableAttributeNames(attributes));
    return this;
  }

  addEvent(name: string, attributesOrStartTime?: Attributes | TimeInput, startTime?: TimeInput): this {
    this.#span.addEvent(name, attributesOrStartTime, startTime);
    return this;
  }

  addLink(link: Link): this {
    this.#span.addLink(link);
    return this;
  }

  addLinks(links: Link[]): this {
    this.#span.addLinks(links);
    return this;
  }

  setStatus(status: SpanStatus): this {
    this.#span.setStatus(status);
    return this;
  }

  updateName(name: string): this {
    this.#span.updateName(name);
    return this;
  }

  end(endTime?: TimeInput): void {
    this.#span.end(endTime);
  }

  isRecording(): boolean {
    return this.#span.isRecording();
  }

  recordException(exception: Exception, time?: TimeInput): void {
    this.#span.recordException(exception, time);
  }
}

function withStableNames(options: SpanOptions | undefined): SpanOptions | undefined {
  if (options?.attributes === undefined) return options;
  return { ...options, attributes: withStableAttributeNames(options.attributes) };
}

/** The attributes as given, plus each old database name's value under its stable name. */
export function withStableAttributeNames(attributes: Attributes): Attributes {
  const added: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    const stable = stableDatabaseAttributeNames[key];
    if (stable !== undefined) added[stable] = value;
  }
  return { ...attributes, ...added };
}
