import { describe, expect, it } from 'vitest';
import { serviceNameFromEntry } from './service-name-from-entry.ts';

describe('serviceNameFromEntry', () => {
  it('names the service whose main.ts the process runs', () => {
    expect(serviceNameFromEntry('/app/services/fulfilment-worker/src/main.ts')).toBe('fulfilment-worker');
    expect(serviceNameFromEntry('C:\\work\\services\\gateway\\src\\main.ts')).toBe('gateway');
  });

  it('names nothing for a process that is not a service entry point', () => {
    expect(serviceNameFromEntry(undefined)).toBeUndefined();
    expect(serviceNameFromEntry('/app/scripts/start.ts')).toBeUndefined();
    expect(serviceNameFromEntry('/app/services/gateway/src/service.ts')).toBeUndefined();
  });
});
