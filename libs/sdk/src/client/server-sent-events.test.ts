import { describe, expect, it } from 'vitest';
import { ServerSentEventParser, readServerSentEvents, type ServerSentEvent } from './server-sent-events.ts';

function parseAll(...chunks: string[]): ServerSentEvent[] {
  const parser = new ServerSentEventParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

describe('ServerSentEventParser', () => {
  it('reads named events with their data, dispatched at the blank line', () => {
    expect(parseAll('event: snapshot\ndata: {"id":"j1"}\n\nevent: progress\ndata: 50\n\n')).toEqual([
      { event: 'snapshot', data: '{"id":"j1"}', id: undefined },
      { event: 'progress', data: '50', id: undefined },
    ]);
  });

  it('names an event without an event field "message" and joins its data lines with newlines', () => {
    expect(parseAll('data: one\ndata: two\n\n')).toEqual([
      { event: 'message', data: 'one\ntwo', id: undefined },
    ]);
  });

  it('waits for the end of a frame that arrives in pieces, even cut inside a line', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('event: sta')).toEqual([]);
    expect(parser.push('tus\ndata: {"a"')).toEqual([]);
    expect(parser.push(':1}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'status', data: '{"a":1}', id: undefined }]);
  });

  it('accepts CRLF and CR line ends, also a CRLF cut between two chunks', () => {
    expect(parseAll('data: a\r\n\r\ndata: b\r\rdata: c\r', '\n\r', '\n')).toEqual([
      { event: 'message', data: 'a', id: undefined },
      { event: 'message', data: 'b', id: undefined },
      { event: 'message', data: 'c', id: undefined },
    ]);
  });

  it('ignores comments (keep-alives), unknown fields and frames without data', () => {
    expect(parseAll(': keep-alive\n\nretry: 100\nevent: empty\n\nfoo: bar\ndata: x\n\n')).toEqual([
      { event: 'message', data: 'x', id: undefined },
    ]);
  });

  it('removes one space after the colon only, and reads a field without a colon as empty', () => {
    expect(parseAll('data:  two spaces\ndata\ndata:none\n\n')).toEqual([
      { event: 'message', data: ' two spaces\n\nnone', id: undefined },
    ]);
  });

  it('keeps the last event id for the frames after it', () => {
    expect(parseAll('id: 7\ndata: a\n\ndata: b\n\n')).toEqual([
      { event: 'message', data: 'a', id: '7' },
      { event: 'message', data: 'b', id: '7' },
    ]);
  });
});

describe('readServerSentEvents', () => {
  it('reads the events of a byte stream, a multi-byte character split between chunks included', async () => {
    const bytes = new TextEncoder().encode('event: progress\ndata: "ünïcode"\n\ndata: unfinished');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 27));
        controller.enqueue(bytes.slice(27));
        controller.close();
      },
    });
    const events: ServerSentEvent[] = [];
    for await (const event of readServerSentEvents(body)) events.push(event);
    expect(events).toEqual([{ event: 'progress', data: '"ünïcode"', id: undefined }]);
  });
});
