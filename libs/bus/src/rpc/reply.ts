// The body of a request/reply answer: errors cross the wire as plain `{code, message, retryable}`.
import { z } from 'zod';

export const replyType = 'conveyor.reply.v1';

export const replyBodySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }),
  }),
]);

export type ReplyBody = z.infer<typeof replyBodySchema>;
