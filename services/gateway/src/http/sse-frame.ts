// One Server-Sent Events frame. Data is JSON on one line, so no line of it can end the frame early.
export interface SseFrame {
  event: string;
  id?: string;
  data: unknown;
}

export function sseFrame(frame: SseFrame): string {
  const id = frame.id === undefined ? '' : `id: ${frame.id}\n`;
  return `event: ${frame.event}\n${id}data: ${JSON.stringify(frame.data)}\n\n`;
}

/** A comment line: keeps proxies from closing an idle stream; clients ignore it. */
export const sseKeepAlive = ': keep-alive\n\n';
