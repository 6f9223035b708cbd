// Every message type @conveyor/contracts exports, found by shape, so that a type added there is known
// here without a second list to keep in step.
import * as contracts from '@conveyor/contracts';
import { MessageRegistry, type MessageType } from '@conveyor/contracts';
import { z } from 'zod';

const exported: readonly unknown[] = Object.values(contracts);

export const knownMessageTypes = new MessageRegistry(exported.filter(isMessageType));

function isMessageType(value: unknown): value is MessageType {
  return (
    typeof value === 'object' &&
    value !== null &&
    'name' in value &&
    'schema' in value &&
    typeof value.name === 'string' &&
    value.schema instanceof z.ZodType
  );
}
