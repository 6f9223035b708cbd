// A Server-Sent Events response the pages follow: `update` events, `end` when the work is finished
// (the browser would otherwise reconnect), comment lines to keep proxies from closing an idle stream.
// Streams still open when the dashboard stops are ended, so closing does not wait for browsers.
import type { FastifyReply } from 'fastify';

/** What a live page shows: the status, step states, a job's progress, and one line for the progress log. */
export interface LiveUpdate {
  status?: string;
  steps?: Record<string, string>;
  /** A job's last progress report, as text. */
  progress?: string;
  line?: string;
}

export type OpenStreams = Set<() => void>;

export interface SseStream {
  update(update: LiveUpdate): void;
  keepAlive(): void;
  /** Sends `end` and closes. Idempotent. */
  end(): void;
  readonly closed: boolean;
  /** Called once when the stream closes, by end() or because the browser left. */
  onClose(listener: () => void): void;
}

export function openSseStream(reply: FastifyReply, openStreams: OpenStreams): SseStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const listeners: (() => void)[] = [];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    openStreams.delete(end);
    for (const listener of listeners.splice(0)) listener();
    raw.end();
  };
  const end = () => {
    if (!closed) raw.write('event: end\ndata: {}\n\n');
    close();
  };
  openStreams.add(end);
  raw.once('close', close);
  return {
    update(update) {
      if (!closed) raw.write(`event: update\ndata: ${JSON.stringify(update)}\n\n`);
    },
    keepAlive() {
      if (!closed) raw.write(': keep-alive\n\n');
    },
    end,
    get closed() {
      return closed;
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
}
