// A received body becomes an event only if it is JSON and matches the subscriber's schema.
import type { z } from 'zod';

export type DecodedEvent<T> =
  | { readonly ok: true; readonly event: T }
  | { readonly ok: false; readonly problem: 'not-json' | 'invalid'; readonly error: Error };

export function decodeEvent<S extends z.ZodType>(data: Uint8Array, schema: S): DecodedEvent<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch (error) {
    return {
      ok: false,
      problem: 'not-json',
      error: error instanceof Error ? error : new Error(String(error)),
    };
  }
  const parsed = schema.safeParse(json);
  return parsed.success
    ? { ok: true, event: parsed.data }
    : { ok: false, problem: 'invalid', error: parsed.error };
}
