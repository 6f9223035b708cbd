import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer } from './health-server.ts';

describe('/readyz', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('says why a check that threw failed, e.g. the database not answering', async () => {
    server = await startHealthServer(
      0,
      {
        broker: () => true,
        database: () => {
          throw new Error('MongoDB at mongodb://db:27017 did not answer: timed out');
        },
      },
      { host: '127.0.0.1' },
    );
    const response = await fetch(`http://127.0.0.1:${String(server.port)}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not-ready',
      checks: { broker: true, database: false },
      reasons: { database: 'MongoDB at mongodb://db:27017 did not answer: timed out' },
    });
  });
});
