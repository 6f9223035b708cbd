// How the sandbox misbehaves on purpose, like a real remote system: latency on every call and a rate
// of transient failures per provider (before anything is applied, as a lost request would be).
import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderUnavailableError } from '../providers/errors/provider-unavailable-error.ts';

export type SandboxProviderName = 'inventory' | 'payment' | 'shipping';

export interface SandboxBehaviour {
  /** Added to every call (0 for none). */
  latencyMs: number;
  /** 0..1 per provider: the share of calls failing with a RetryableError PROVIDER_UNAVAILABLE. */
  failureRate: Readonly<Record<SandboxProviderName, number>>;
  /** [0, 1); defaults to Math.random. Tests pass a deterministic one. */
  random?: () => number;
  /** Fault tests only: POISON-, CRASH- and SLOW- skus misbehave (see sandbox-faults.ts). Off by default. */
  faultSkus?: boolean;
  /** What a CRASH- sku does; SIGKILL of this process by default. Tests pass their own. */
  crash?: () => void;
  /** How long a SLOW- sku's first call per operation takes: past the handler's deadline. */
  slowCallMs?: number;
}

export const calmSandbox: SandboxBehaviour = Object.freeze({
  latencyMs: 0,
  failureRate: Object.freeze({ inventory: 0, payment: 0, shipping: 0 }),
});

export async function simulateRemoteCall(
  behaviour: SandboxBehaviour,
  provider: SandboxProviderName,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (behaviour.latencyMs > 0) await sleep(behaviour.latencyMs, undefined, { signal });
  signal?.throwIfAborted();
  const random = behaviour.random ?? Math.random;
  if (random() < behaviour.failureRate[provider]) throw new ProviderUnavailableError(`sandbox ${provider}`);
}
