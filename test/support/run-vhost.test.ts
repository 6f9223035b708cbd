import { describe, expect, it } from 'vitest';
import { urlWithVhost, vhostArgs, vhostOfUrl } from './run-vhost.ts';

describe('a run vhost in an AMQP URL', () => {
  it('reads the default vhost from a URL that names none', () => {
    expect(vhostOfUrl('amqp://guest:guest@127.0.0.1:5672')).toBe('/');
    expect(vhostArgs('amqp://guest:guest@127.0.0.1:5672/')).toEqual(['-p', '/']);
  });

  it('puts a vhost into the URL, encoded, and reads it back', () => {
    const url = urlWithVhost('amqp://guest:guest@127.0.0.1:5672', 'conveyor-test-run-42');
    expect(url).toBe('amqp://guest:guest@127.0.0.1:5672/conveyor-test-run-42');
    expect(vhostOfUrl(urlWithVhost(url, '/conveyor'))).toBe('/conveyor');
  });
});
