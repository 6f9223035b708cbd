// Bodies are kept as text when they are valid UTF-8 (readable in the dashboard), else as base64.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface EncodedBody {
  body: string;
  bodyEncoding: 'utf8' | 'base64';
}

export function encodeDeadLetterBody(content: Uint8Array): EncodedBody {
  try {
    return { body: strictUtf8.decode(content), bodyEncoding: 'utf8' };
  } catch {
    // Not UTF-8: a binary body is expected here, not an error.
    return { body: Buffer.from(content).toString('base64'), bodyEncoding: 'base64' };
  }
}

export function decodeDeadLetterBody(encoded: EncodedBody): Buffer {
  return Buffer.from(encoded.body, encoded.bodyEncoding);
}
