// What a pool thread sends back to the main thread (see thread-script.ts), read with a schema: the
// thread runs user code, so its messages are a boundary like any other.
import { z } from 'zod';

const logLevel = z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

const threadMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), id: z.number(), value: z.unknown() }),
  z.object({
    kind: z.literal('error'),
    id: z.number(),
    error: z.object({ message: z.string(), code: z.string().optional(), retryable: z.boolean() }),
  }),
  z.object({
    kind: z.literal('log'),
    id: z.number(),
    level: logLevel,
    obj: z.record(z.string(), z.unknown()),
    msg: z.string().optional(),
  }),
  z.object({
    kind: z.enum(['progress', 'checkpoint']),
    id: z.number(),
    callId: z.number(),
    value: z.unknown(),
  }),
]);

export type ThreadMessage = z.infer<typeof threadMessage>;

export interface ThreadReply {
  kind: 'reply';
  callId: number;
  error?: { message: string };
}

export function readThreadMessage(raw: unknown): ThreadMessage | undefined {
  const parsed = threadMessage.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
