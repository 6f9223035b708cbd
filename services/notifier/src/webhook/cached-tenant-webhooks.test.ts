import { describe, expect, it } from 'vitest';
import { cachedTenantWebhooks } from './cached-tenant-webhooks.ts';
import type { WebhookEndpoint } from './tenant-webhook.ts';

const endpoint: WebhookEndpoint = { url: 'https://example.test/hook', secrets: ['whsec_x'] };

function countingFinder(answers: Array<WebhookEndpoint | undefined | Error>) {
  const reads: string[] = [];
  return {
    reads,
    find: (tenantId: string) => {
      reads.push(tenantId);
      const answer = answers.shift();
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

describe('cached tenant webhooks', () => {
  it('reads a tenant once within the time to live, and again after it', async () => {
    let now = 0;
    const finder = countingFinder([endpoint, undefined]);
    const find = cachedTenantWebhooks(finder.find, { ttlMs: 1_000, clock: () => now });

    expect(await find('acme')).toEqual(endpoint);
    now = 999;
    expect(await find('acme')).toEqual(endpoint);
    now = 1_000;
    expect(await find('acme')).toBeUndefined();
    expect(finder.reads).toEqual(['acme', 'acme']);
  });

  it('does not keep a failed read', async () => {
    const finder = countingFinder([new Error('database down'), endpoint]);
    const find = cachedTenantWebhooks(finder.find, { ttlMs: 60_000 });

    await expect(find('acme')).rejects.toThrow('database down');
    expect(await find('acme')).toEqual(endpoint);
  });

  it('reads every time with a time to live of 0', async () => {
    const finder = countingFinder([undefined, undefined]);
    const find = cachedTenantWebhooks(finder.find, { ttlMs: 0 });

    await find('acme');
    await find('acme');
    expect(finder.reads).toHaveLength(2);
  });

  it('forgets the least recently cached tenant beyond its size', async () => {
    const finder = countingFinder([undefined, undefined, undefined]);
    const find = cachedTenantWebhooks(finder.find, { ttlMs: 60_000, maxTenants: 1 });

    await find('a');
    await find('b');
    await find('a');
    expect(finder.reads).toEqual(['a', 'b', 'a']);
  });
});
