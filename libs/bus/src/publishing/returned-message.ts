import type { Message } from 'amqplib';

/** basic.return carries the broker's reason (e.g. NO_ROUTE); amqplib's types omit the field. */
export function returnedReplyText(message: Message): string {
  const fields = message.fields;
  return 'replyText' in fields && typeof fields.replyText === 'string' ? fields.replyText : 'returned';
}
