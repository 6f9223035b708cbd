import { describe, expect, it } from 'vitest';
import { decodeDeadLetterBody, encodeDeadLetterBody } from './dead-letter-body.ts';

describe('dead-letter body encoding', () => {
  it('keeps UTF-8 text readable', () => {
    expect(encodeDeadLetterBody(Buffer.from('{"name":"Zoë"}'))).toEqual({
      body: '{"name":"Zoë"}',
      bodyEncoding: 'utf8',
    });
  });

  it('keeps other bytes as base64, byte for byte', () => {
    const bytes = Buffer.from([0xc3, 0x28, 0x00, 0xff]);
    const encoded = encodeDeadLetterBody(bytes);
    expect(encoded.bodyEncoding).toBe('base64');
    expect(decodeDeadLetterBody(encoded)).toEqual(bytes);
  });
});
