// Takes a reply over for Server-Sent Events: the stream's headers (no caching, no proxy buffering) and
// the raw response the caller writes frames to (see sse-frame.ts).
import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

export function startSseResponse(reply: FastifyReply, headers: Record<string, string>): ServerResponse {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  return raw;
}
