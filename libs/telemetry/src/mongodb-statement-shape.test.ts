import { describe, expect, it } from 'vitest';
import { mongodbStatementShape } from './mongodb-statement-shape.ts';

describe('MongoDB statement shape', () => {
  it('names the fields of a query and of its filter, with no values', () => {
    const statement = mongodbStatementShape({ _id: 'order-1', tenantId: 'acme', status: { $in: ['a'] } });

    expect(JSON.parse(statement)).toEqual({ _id: '?', tenantId: '?', status: { $in: '?' } });
    expect(statement).not.toContain('acme');
  });

  it('does not look into arrays (inserted documents) or values that are not plain objects', () => {
    const statement = mongodbStatementShape({
      documents: [{ email: 'customer@example.test' }],
      at: new Date(0),
    });

    expect(JSON.parse(statement)).toEqual({ documents: '?', at: '?' });
  });
});
