import { describe, expect, it } from 'vitest';
import { maxBodyDepth, unsafeKeyIssues } from './unsafe-keys.ts';

describe('unsafe body keys', () => {
  it('names __proto__, constructor and $-keys at any depth, and nothing else', () => {
    const body: unknown = JSON.parse(
      '{"a":{"__proto__":{"admin":true}},"items":[{"constructor":{"prototype":{}}}],"$where":"1","ok":{"b":1}}',
    );

    expect(
      unsafeKeyIssues(body)
        .map((issue) => [issue.field, issue.code])
        .sort(),
    ).toEqual([
      ['$where', 'forbidden_key'],
      ['a.__proto__', 'forbidden_key'],
      ['items.0.constructor', 'forbidden_key'],
    ]);
  });

  it('names keys that cannot be stored as field names: empty, dotted, with a NUL', () => {
    const body: unknown = JSON.parse('{"payload":{"":[[]],"a.b":1,"n\\u0000ul":2,"fine":{"":3}}}');

    expect(
      unsafeKeyIssues(body)
        .map((issue) => [issue.field, issue.message])
        .sort(),
    ).toEqual([
      ['payload.', 'keys must not be empty'],
      ['payload.a.b', "keys must not contain '.'"],
      ['payload.fine.', 'keys must not be empty'],
      ['payload.n\u0000ul', 'keys must not contain NUL'],
    ]);
  });

  it('accepts ordinary bodies, scalars and arrays', () => {
    expect(unsafeKeyIssues({ customerId: 'c', items: [{ sku: 'S', qty: 1 }], note: '$not-a-key' })).toEqual(
      [],
    );
    expect(unsafeKeyIssues(42)).toEqual([]);
    expect(unsafeKeyIssues([1, 'two', null])).toEqual([]);
  });

  it('refuses nesting deeper than the limit without recursing', () => {
    const deep: unknown = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);

    const issues = unsafeKeyIssues(deep);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'too_deep', field: Array(maxBodyDepth).fill('0').join('.') });
  });
});
