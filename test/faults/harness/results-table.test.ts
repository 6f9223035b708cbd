import { describe, expect, it } from 'vitest';
import { resultsTable } from './results-table.ts';
import { stalledResult } from './scenario-run.ts';

describe('results table', () => {
  it('gives a stalled scenario a row that says it stalled, why, and never "0 lost"', () => {
    const row = stalledResult({
      scenario: 'database-outage',
      reason: 'no order settled for 360 s (60 unsettled); the MongoDB-wire server answers',
      attempted: 600,
      placed: 161,
      settled: 101,
      seconds: 540,
    });
    const table = resultsTable([row]);
    expect(table).toContain('| database-outage (stalled) | 600 | 0 | 0 | stalled | stalled | 0 |');
    expect(row.notes).toEqual(['stalled after 161 of 600 orders placed, 101 settled']);
    expect(row.problems).toEqual([
      'stalled: no order settled for 360 s (60 unsettled); the MongoDB-wire server answers',
    ]);
  });
});
