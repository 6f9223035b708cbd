// A text/event-stream reader (the parts of the WHATWG "event stream interpretation" a gateway stream
// uses): fields `event`, `data`, `id`; comments; CRLF, LF or CR line ends; an event is dispatched at a
// blank line, so a frame cut in two by the network waits for its end. Written here because Node's fetch
// has no EventSource, and the client needs the Authorization header that EventSource cannot send.

export interface ServerSentEvent {
  /** `message` when the frame names none. */
  event: string;
  /** The frame's data lines joined with "\n". */
  data: string;
  /** The frame's `id`, or the last one seen on the stream. */
  id: string | undefined;
}

export class ServerSentEventParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private lastEventId: string | undefined;
  /** The previous chunk ended in CR: an LF starting this one is the same line end. */
  private skipLeadingLf = false;

  /** Feeds decoded text; returns the events it completed. */
  push(text: string): ServerSentEvent[] {
    let chunk = text;
    if (this.skipLeadingLf && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.skipLeadingLf = chunk.endsWith('\r');
    this.buffer += chunk;
    const events: ServerSentEvent[] = [];
    const lineEnd = /\r\n|\r|\n/g;
    let start = 0;
    for (let match = lineEnd.exec(this.buffer); match !== null; match = lineEnd.exec(this.buffer)) {
      const event = this.line(this.buffer.slice(start, match.index));
      if (event !== undefined) events.push(event);
      start = match.index + match[0].length;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): ServerSentEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    return undefined;
  }

  private dispatch(): ServerSentEvent | undefined {
    const event = this.event === '' ? 'message' : this.event;
    const hasData = this.data.length > 0;
    const data = this.data.join('\n');
    this.event = '';
    this.data = [];
    // A frame without data lines dispatches nothing (per the standard).
    return hasData ? { event, data, id: this.lastEventId } : undefined;
  }
}

/** The events of a response body, in order; ends with the body (an unfinished last frame is dropped). */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const parser = new ServerSentEventParser();
  const text = body.pipeThrough(new TextDecoderStream());
  for await (const chunk of text) yield* parser.push(chunk);
}
