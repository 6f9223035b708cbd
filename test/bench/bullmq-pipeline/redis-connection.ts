// One ioredis connection per process for the peer's own commands, and the options BullMQ's queues and
// workers are given (they open connections of their own; workers need maxRetriesPerRequest: null).
import { Redis } from 'ioredis';
import { redisAddress } from '../harness/redis-url.ts';

export interface PeerConnection {
  host: string;
  port: number;
  password?: string;
  db?: number;
  maxRetriesPerRequest: null;
}

export function bullConnection(redisUrl: string): PeerConnection {
  return { ...redisAddress(redisUrl), maxRetriesPerRequest: null };
}

export function openRedis(redisUrl: string): Redis {
  return new Redis(bullConnection(redisUrl));
}
