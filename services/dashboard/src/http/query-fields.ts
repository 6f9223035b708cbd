// zod fields for query strings and forms: an empty value (an unselected filter) means absent.
import { z } from 'zod';

export const optionalText = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** Ids in paths: what the stores accept, nothing that could not be one. */
export const idParams = z.object({ id: z.string().min(1).max(200) });
