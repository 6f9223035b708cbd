// Where BullMQ finds Redis: REDIS_URL, else the local default. The rig does not start Redis.
import { envUrl, type Environment } from '../../support/index.ts';

export const defaultRedisUrl = 'redis://127.0.0.1:6379';

export interface RedisAddress {
  host: string;
  port: number;
  password?: string;
  db?: number;
}

export function redisUrl(env: Environment = process.env): string {
  return envUrl(env, 'REDIS_URL') ?? defaultRedisUrl;
}

export function redisAddress(url: string): RedisAddress {
  const parsed = new URL(url);
  const db = parsed.pathname.replace('/', '');
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(parsed.password === '' ? {} : { password: decodeURIComponent(parsed.password) }),
    ...(db === '' ? {} : { db: Number(db) }),
  };
}
