import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MessageRegistry, PermanentError, RetryableError, defineMessage, isRetryable } from './index.ts';

describe('message types', () => {
  it('rejects a name without a version suffix', () => {
    expect(() => defineMessage('order.placed' as 'x.v1', z.object({}))).toThrow(/order.placed.v1/);
  });

  it('finds the schema registered for a type name', () => {
    const placed = defineMessage('order.placed.v1', z.object({ orderId: z.string() }));
    const registry = new MessageRegistry([placed]);
    expect(registry.get('order.placed.v1')).toBe(placed);
    expect(registry.get('order.placed.v2')).toBeUndefined();
  });

  it('refuses two different schemas under one name', () => {
    const registry = new MessageRegistry([defineMessage('a.b.v1', z.object({}))]);
    expect(() => registry.register(defineMessage('a.b.v1', z.object({ x: z.number() })))).toThrow(/twice/);
  });
});

describe('errors', () => {
  it('carries retryability in the type, not the text', () => {
    expect(isRetryable(new RetryableError('PROVIDER_TIMEOUT', 'permanent-sounding text'))).toBe(true);
    expect(isRetryable(new PermanentError('OUT_OF_STOCK', 'try again'))).toBe(false);
    expect(isRetryable(new Error('unknown'))).toBe(true);
  });

  it('crosses the wire as a plain object', () => {
    expect(new PermanentError('OUT_OF_STOCK', 'sku-1 has 0').toWire()).toEqual({
      code: 'OUT_OF_STOCK',
      message: 'sku-1 has 0',
      retryable: false,
    });
  });
});
