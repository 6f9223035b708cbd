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

const localTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * A time filter: what a `datetime-local` input sends (no zone: read as UTC, the zone every page shows
 * times in) or a full ISO instant. Empty means absent.
 */
export const optionalInstant = optionalText(40).transform((value, context) => {
  if (value === undefined) return undefined;
  const instant = new Date(localTime.test(value) ? `${value}Z` : value);
  if (Number.isNaN(instant.getTime())) {
    context.addIssue({ code: 'custom', message: 'must be a date and time, e.g. 2025-01-31T23:59' });
    return z.NEVER;
  }
  return instant;
});
