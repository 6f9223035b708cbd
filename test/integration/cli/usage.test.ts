import { describe, expect, it } from 'vitest';
import { runConveyor } from './conveyor-process.ts';

/** Nothing answers here: a command that tried to connect would fail with a connection error instead. */
const unreachable = {
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:1',
  MONGO_URL: 'mongodb://127.0.0.1:1',
  GATEWAY_URL: 'http://127.0.0.1:1',
};

describe('conveyor command line', () => {
  it('prints help listing every command with --help and exits 0', async () => {
    const run = await runConveyor(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['publish', 'orders', 'jobs', 'dlq', 'queues', 'schedules', 'tail']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\s`, 'm'));
    }
  });

  it('prints the help of a sub-command with --help', async () => {
    const run = await runConveyor(['dlq', 'replay', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: conveyor dlq replay <id>...');
  });

  it('prints the help of each operator command and sub-command without contacting a server', async () => {
    const commands = [
      'publish',
      'orders place',
      'orders get',
      'orders watch',
      'jobs list',
      'jobs get',
      'jobs watch',
      'jobs cancel',
      'jobs retry',
      'dlq list',
      'dlq show',
      'dlq replay',
      'dlq purge',
      'queues',
      'schedules list',
      'schedules add',
      'schedules pause',
      'schedules resume',
      'schedules delete',
      'tail',
    ];
    // Three processes at a time: quicker than one by one, gentle on a two-core machine.
    for (let start = 0; start < commands.length; start += 3) {
      const batch = commands.slice(start, start + 3);
      const runs = await Promise.all(
        batch.map((command) => runConveyor([...command.split(' '), '--help'], { env: unreachable })),
      );
      runs.forEach((run, index) => {
        const command = batch[index] ?? '';
        expect(run.code, command).toBe(0);
        expect(run.stdout, command).toContain(`Usage: conveyor ${command}`);
      });
    }
  }, 120_000);

  it('exits 2 on an unknown command, naming it', async () => {
    const run = await runConveyor(['frobnicate'], { env: unreachable });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
    expect(run.stdout).toBe('');
  });

  it('exits 2 on an unknown option, pointing at the command help', async () => {
    const run = await runConveyor(['queues', '--bogus'], { env: unreachable });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'--bogus'");
    expect(run.stderr).toContain('conveyor queues --help');
  });

  it('exits 2 on a jobs list filter it cannot read, before calling the gateway', async () => {
    const env = { ...unreachable, CONVEYOR_API_KEY: 'not-used' };
    const [limit, since, missingId] = await Promise.all([
      runConveyor(['jobs', 'list', '--limit', '500'], { env }),
      runConveyor(['jobs', 'list', '--since', 'yesterday'], { env }),
      runConveyor(['jobs', 'get'], { env }),
    ]);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain('--limit must be a whole number from 1 to 200');
    expect(since.code).toBe(2);
    expect(since.stderr).toContain(
      "--since must be a time (ISO 8601, e.g. 2025-01-31T08:00:00Z), not 'yesterday'",
    );
    expect(missingId.code).toBe(2);
    expect(missingId.stderr).toContain('missing <job-id>');
    for (const run of [limit, since, missingId]) expect(run.stderr).not.toContain('cannot reach');
  });

  it('exits 1 on an invalid body for a known type, naming the field, before connecting', async () => {
    const body = {
      orderId: 'ord_1',
      tenantId: 'default',
      sequence: 1,
      customerId: 'c-1',
      email: 'not-an-email',
      items: [{ sku: 'WIDGET-1', qty: 1 }],
      express: false,
      placedAt: new Date().toISOString(),
    };
    const run = await runConveyor(['publish', 'order.placed.v1', '--data', JSON.stringify(body)], {
      env: unreachable,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ {2}email: /m);
    expect(run.stderr).not.toContain('cannot reach');
  });

  it('reports the bad fields as JSON with --json', async () => {
    const run = await runConveyor(
      ['publish', 'demo.task-requested.v1', '--data', '{"taskId":""}', '--json'],
      {
        env: unreachable,
      },
    );
    expect(run.code).toBe(1);
    const { error } = JSON.parse(run.stderr) as { error: { code: string; details: { field: string }[] } };
    expect(error.code).toBe('INVALID_MESSAGE_BODY');
    expect(error.details.map((issue) => issue.field).sort()).toEqual(['label', 'taskId']);
  });

  it('exits 1 naming the server when RabbitMQ is unreachable', async () => {
    const run = await runConveyor(['queues'], { env: unreachable });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot reach RabbitMQ at amqp://guest:[Redacted]@127.0.0.1:1');
  });
});
