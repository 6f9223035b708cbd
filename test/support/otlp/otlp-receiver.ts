// A real OTLP/HTTP trace receiver for end-to-end tests: services export to it exactly as they would
// to a collector (JSON encoding, POST /v1/traces), and the test reads the spans back.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

const attributeValue = z
  .object({ stringValue: z.string().optional(), intValue: z.union([z.string(), z.number()]).optional() })
  .loose();

const exportRequest = z.object({
  resourceSpans: z.array(
    z.object({
      resource: z
        .object({ attributes: z.array(z.object({ key: z.string(), value: attributeValue })).default([]) })
        .optional(),
      scopeSpans: z.array(
        z.object({
          spans: z.array(
            z.object({
              traceId: z.string(),
              spanId: z.string(),
              parentSpanId: z.string().optional(),
              name: z.string(),
              kind: z.number().optional(),
              attributes: z.array(z.object({ key: z.string(), value: attributeValue })).default([]),
            }),
          ),
        }),
      ),
    }),
  ),
});

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number | undefined;
  attributes: Record<string, string | number | undefined>;
}

export interface OtlpReceiver {
  /** Base endpoint to give services as OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  spans: ReceivedSpan[];
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const parsed =
        request.url === '/v1/traces' ? exportRequest.safeParse(safeJson(Buffer.concat(chunks))) : undefined;
      if (parsed?.success !== true) {
        response.writeHead(400).end();
        return;
      }
      for (const resourceSpans of parsed.data.resourceSpans) {
        const service = resourceSpans.resource?.attributes.find(
          (attribute) => attribute.key === 'service.name',
        )?.value.stringValue;
        for (const scope of resourceSpans.scopeSpans) {
          for (const span of scope.spans) {
            spans.push({
              service: service ?? 'unknown',
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId === '' ? undefined : span.parentSpanId,
              name: span.name,
              kind: span.kind,
              attributes: Object.fromEntries(
                span.attributes.map((attribute) => [
                  attribute.key,
                  attribute.value.stringValue ?? attribute.value.intValue,
                ]),
              ),
            });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    close: () => {
      closing ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return closing;
    },
  };
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    // Not JSON: the schema check rejects it and the exporter gets a 400.
    return undefined;
  }
}
