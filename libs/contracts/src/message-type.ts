// A message type is a versioned name bound to the zod schema of its body: one source of truth
// for producers and consumers. A breaking change is a new name (`.v2`), never an edit of `.v1`.
import type { z } from 'zod';

export type VersionedName = `${string}.v${number}`;

export interface MessageType<S extends z.ZodType = z.ZodType> {
  readonly name: VersionedName;
  readonly schema: S;
}

export type BodyOf<T extends MessageType> = z.infer<T['schema']>;

const versionedName = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*\.v[1-9][0-9]*$/;

export function defineMessage<S extends z.ZodType>(name: VersionedName, schema: S): MessageType<S> {
  if (!versionedName.test(name)) {
    throw new TypeError(`message type name "${name}" must look like "order.placed.v1"`);
  }
  return Object.freeze({ name, schema });
}
