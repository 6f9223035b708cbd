import { describe, expect, it } from 'vitest';
import { uniqueName } from './unique-name.ts';

describe('uniqueName', () => {
  it('keeps the prefix and adds a random suffix', () => {
    expect(uniqueName('orders')).toMatch(/^orders-[0-9a-f]{12}$/);
  });

  it('gives a different name on every call', () => {
    const names = new Set(Array.from({ length: 1000 }, () => uniqueName('q')));
    expect(names.size).toBe(1000);
  });

  it('stays a valid NATS KV bucket name when the prefix is one', () => {
    expect(uniqueName('leases_kv')).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
