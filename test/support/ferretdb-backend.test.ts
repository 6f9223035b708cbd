import { describe, expect, it } from 'vitest';
import { testRunDatabase } from './ferretdb-backend.ts';

describe('the test run database', () => {
  it('gives a run a PostgreSQL database of its own, named after its process, by default', () => {
    expect(testRunDatabase({})).toEqual({ privateDatabase: `conveyor_test_run_${String(process.pid)}` });
  });

  it('uses and keeps the database CONVEYOR_TEST_PG_DATABASE names', () => {
    expect(testRunDatabase({ CONVEYOR_TEST_PG_DATABASE: 'my_tests' })).toEqual({ database: 'my_tests' });
  });

  it('refuses a name that is not a plain PostgreSQL identifier, naming the variable', () => {
    expect(() => testRunDatabase({ CONVEYOR_TEST_PG_DATABASE: 'x; DROP DATABASE postgres' })).toThrow(
      /CONVEYOR_TEST_PG_DATABASE/,
    );
  });
});
