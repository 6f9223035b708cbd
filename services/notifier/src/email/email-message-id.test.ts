import { describe, expect, it } from 'vitest';
import { emailMessageId } from './email-message-id.ts';

describe('emailMessageId', () => {
  it('derives the Message-ID from the order and the kind of notification', () => {
    expect(emailMessageId('01J9ZC3K4M-abc_1.2', 'shipped')).toBe(
      '<01J9ZC3K4M-abc_1.2.shipped@conveyor.local>',
    );
  });

  it('is the same for every call with the same event', () => {
    expect(emailMessageId('order-7', 'confirmed')).toBe(emailMessageId('order-7', 'confirmed'));
    expect(emailMessageId('order-7', 'confirmed')).not.toBe(emailMessageId('order-7', 'failed'));
  });

  it('encodes characters a Message-ID may not hold', () => {
    expect(emailMessageId('a b>@%é', 'failed')).toBe('<a%20b%3E%40%25%C3%A9.failed@conveyor.local>');
  });
});
