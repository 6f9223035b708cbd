import { describe, expect, it } from 'vitest';
import { ConfigError } from '@conveyor/config';
import { stackProcesses, type StackProcess } from './stack-processes.ts';
import { readStartSettings } from './start-settings.ts';

const servers = {
  amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
  mongoUrl: 'mongodb://127.0.0.1:27018',
  natsUrl: 'nats://127.0.0.1:4223',
};

function processesFor(
  callerEnv: NodeJS.ProcessEnv,
  smtpUrl = 'smtp://127.0.0.1:1025',
): Map<string, StackProcess> {
  const processes = stackProcesses({
    settings: readStartSettings(callerEnv),
    callerEnv,
    servers,
    amqpUrlOf: (service) => `amqp://${service}:pw@127.0.0.1:5672/%2Fconveyor`,
    smtpUrl,
  });
  return new Map(processes.map((process) => [process.name, process]));
}

describe('stackProcesses', () => {
  it('runs every service on the default ports when the caller sets none', () => {
    const processes = processesFor({});
    expect([...processes.values()].map((process) => [process.name, process.port])).toEqual([
      ['gateway', 8080],
      ['fulfilment-worker-1', 8091],
      ['fulfilment-worker-2', 8095],
      ['notifier', 8092],
      ['scheduler', 8093],
      ['job-worker', 8094],
      ['demo-worker', 8090],
      ['dashboard', 8081],
    ]);
  });

  it('honours the caller’s ports, and points the dashboard at the workers’ /metrics on them', () => {
    const processes = processesFor({
      PORT: '9080',
      DASHBOARD_PORT: '9081',
      NOTIFIER_HEALTH_PORT: '9092',
      FULFILMENT_WORKER_2_HEALTH_PORT: '9095',
    });
    expect(processes.get('gateway')?.env.PORT).toBe('9080');
    expect(processes.get('dashboard')?.env.PORT).toBe('9081');
    expect(processes.get('notifier')?.env.HEALTH_PORT).toBe('9092');
    expect(processes.get('fulfilment-worker-2')?.port).toBe(9095);
    expect(processes.get('dashboard')?.env.METRICS_URLS?.split(',')).toContain(
      'http://127.0.0.1:9092/metrics',
    );
  });

  it('sends mail where it is told, and passes the caller’s OTEL_* and other settings through unchanged', () => {
    const processes = processesFor(
      {
        SMTP_URL: 'smtp://mail.example.test:2525',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.example.test:4318',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=dev',
        MONGO_DB: 'my_conveyor',
      },
      'smtp://mail.example.test:2525',
    );
    const notifier = processes.get('notifier');
    expect(notifier?.env.SMTP_URL).toBe('smtp://mail.example.test:2525');
    for (const process of processes.values()) {
      expect(process.env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://collector.example.test:4318');
      expect(process.env.OTEL_RESOURCE_ATTRIBUTES).toBe('deployment.environment=dev');
      expect(process.env.MONGO_DB).toBe('my_conveyor');
      expect(process.env.MONGO_URL).toBe(servers.mongoUrl);
      expect(process.env.NATS_URL).toBe(servers.natsUrl);
      expect(process.env.AMQP_URL).toBe(`amqp://${process.service}:pw@127.0.0.1:5672/%2Fconveyor`);
    }
  });

  it('refuses a port of 0, which would leave npm start no /readyz to wait for, naming the variable', () => {
    expect(() => readStartSettings({ NOTIFIER_HEALTH_PORT: '0' })).toThrow(ConfigError);
    expect(() => readStartSettings({ NOTIFIER_HEALTH_PORT: '0' })).toThrow(/NOTIFIER_HEALTH_PORT/);
  });

  it('refuses the default vhost for CONVEYOR_VHOST', () => {
    expect(() => readStartSettings({ CONVEYOR_VHOST: '/' })).toThrow(/CONVEYOR_VHOST/);
  });
});
