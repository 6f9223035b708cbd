import { describe, expect, it } from 'vitest';
import { serverUrls } from './server-urls.ts';

describe('serverUrls', () => {
  it('falls back to the local default addresses', () => {
    expect(serverUrls({})).toEqual({
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      mongoUrl: 'mongodb://127.0.0.1:27017',
      natsUrl: 'nats://127.0.0.1:4222',
    });
  });

  it('uses the URLs the environment sets', () => {
    const urls = serverUrls({
      AMQP_URL: 'amqp://ci:1',
      MONGO_URL: 'mongodb://ci:2',
      NATS_URL: 'nats://ci:3',
    });
    expect(urls).toEqual({ amqpUrl: 'amqp://ci:1', mongoUrl: 'mongodb://ci:2', natsUrl: 'nats://ci:3' });
  });

  it('ignores empty values', () => {
    expect(serverUrls({ NATS_URL: '' }).natsUrl).toBe('nats://127.0.0.1:4222');
  });
});
