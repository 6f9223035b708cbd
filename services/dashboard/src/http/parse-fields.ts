// Query strings and form bodies read through zod: a bad value is a 400 page naming the field.
import type { z } from 'zod';
import { BadRequestError } from '../errors/bad-request-error.ts';

export function parseFields<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BadRequestError(
    issue === undefined ? '(request)' : issue.path.join('.') || '(request)',
    issue?.message ?? 'invalid',
  );
}
