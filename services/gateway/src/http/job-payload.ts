// A job's payload: any JSON object, except keys MongoDB-wire stores refuse (FerretDB rejects keys that
// contain '.' or start with '$'), so a bad key is a 400 naming it rather than a failed write.
import { z } from 'zod';

export const jobPayload = z
  .record(z.string(), z.unknown())
  .superRefine((payload, context) => {
    for (const path of unstorableKeyPaths(payload, [])) {
      context.addIssue({
        code: 'custom',
        path,
        message: "keys must not contain '.' nor start with '$'",
      });
    }
  })
  .describe('JSON object handed to the job; keys must not contain "." nor start with "$".');

function unstorableKeyPaths(value: unknown, at: (string | number)[]): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((item: unknown, index) => unstorableKeyPaths(item, [...at, index]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key.includes('.') || key.startsWith('$') ? [[...at, key]] : unstorableKeyPaths(child, [...at, key]),
  );
}
