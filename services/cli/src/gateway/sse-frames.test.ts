import { describe, expect, it } from 'vitest';
import { sseFrames, type SseFrame } from './sse-frames.ts';

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>): Promise<SseFrame[]> {
  const frames: SseFrame[] = [];
  for await (const frame of sseFrames(body)) frames.push(frame);
  return frames;
}

describe('server-sent event frames', () => {
  it('reads event, id and data across chunk boundaries and skips keep-alive comments', async () => {
    const frames = await collect(
      streamOf(
        'event: snapshot\nid: 1\ndata: {"a":',
        '1}\n\n: keep-alive\n\n',
        'event: progress\r\nid: 2\r\ndata: x\r\n\r\n',
      ),
    );
    expect(frames).toEqual([
      { event: 'snapshot', id: '1', data: '{"a":1}' },
      { event: 'progress', id: '2', data: 'x' },
    ]);
  });

  it('joins several data lines with newlines and defaults the event to message', async () => {
    expect(await collect(streamOf('data: one\ndata: two\n\n'))).toEqual([
      { event: 'message', id: undefined, data: 'one\ntwo' },
    ]);
  });
});
