import { describe, expect, it } from 'vitest';
import { channelRefusal } from './channel-refusal.ts';

function brokerClose(code: number, message: string): Error {
  return Object.assign(new Error(`Channel closed by server: ${code} with message "${message}"`), { code });
}

describe('channel refusal', () => {
  it('names the exchange a 404 blames', () => {
    const error = brokerClose(404, "NOT_FOUND - no exchange 'conveyor.nope' in vhost '/'");
    expect(channelRefusal(error)).toMatchObject({ replyCode: 404, exchange: 'conveyor.nope' });
  });

  it('names the exchange a 403 refuses to this user', () => {
    const error = brokerClose(
      403,
      "ACCESS_REFUSED - write access to exchange 'conveyor.events' in vhost '/' refused for user 'notifier'",
    );
    expect(channelRefusal(error)).toMatchObject({ replyCode: 403, exchange: 'conveyor.events' });
  });

  it('treats any other close as a transient loss', () => {
    expect(
      channelRefusal(brokerClose(320, 'CONNECTION_FORCED - closed via management plugin')),
    ).toBeUndefined();
    expect(channelRefusal(brokerClose(404, "NOT_FOUND - no queue 'q' in vhost '/'"))).toBeUndefined();
    expect(channelRefusal('not an error')).toBeUndefined();
  });
});
