import { describe, expect, it } from 'vitest';
import { brokerAccess } from './broker-access.ts';

describe('brokerAccess', () => {
  it('uses the caller’s AMQP_URL as given for every service and says it changes nothing there', async () => {
    const lines: string[] = [];
    const access = await brokerAccess(
      {
        callerAmqpUrl: 'amqp://me:secret@rabbit.example.test:5672/%2Fmine',
        resolvedAmqpUrl: 'amqp://me:secret@rabbit.example.test:5672/%2Fmine',
        vhost: '/conveyor',
      },
      (line) => lines.push(line),
    );
    expect(access.urlOf('gateway')).toBe('amqp://me:secret@rabbit.example.test:5672/%2Fmine');
    expect(access.urlOf('notifier')).toBe('amqp://me:secret@rabbit.example.test:5672/%2Fmine');
    expect(access.cliUrl).toBeUndefined();
    expect(lines.join('\n')).toMatch(/changes nothing on that broker/);
    expect(lines.join('\n')).not.toContain('secret');
  });

  it('leaves a broker started for this run alone (a container is not the node rabbitmqctl drives)', async () => {
    const access = await brokerAccess(
      { callerAmqpUrl: undefined, resolvedAmqpUrl: 'amqp://guest:guest@127.0.0.1:49153', vhost: '/conveyor' },
      () => undefined,
    );
    expect(access.urlOf('gateway')).toBe('amqp://guest:guest@127.0.0.1:49153');
  });
});
