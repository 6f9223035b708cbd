// The server's reply to an `insert` command: how many documents it inserted, and why it refused the
// others (one write error per refused document, by its position in the command).
import { z } from 'zod';

export const insertReplySchema = z.object({
  n: z.number(),
  writeErrors: z
    .array(z.object({ index: z.number(), code: z.number(), errmsg: z.string().optional() }))
    .optional(),
  writeConcernError: z.object({ code: z.number().optional(), errmsg: z.string().optional() }).optional(),
});
