// Reads a recorded effect back as the provider's answer: its result, or the rejection it recorded.
import { ProviderRejectedError } from '../providers/errors/provider-rejected-error.ts';
import type { SandboxEffect } from './sandbox-effects.ts';
import { FulfilmentErrorCode } from '../fulfilment-error-codes.ts';

export function appliedResult(effect: SandboxEffect): Record<string, string | number> {
  if (effect.outcome === 'applied' && effect.result !== null) return effect.result;
  if (effect.outcome === 'rejected' && effect.error !== null) {
    throw new ProviderRejectedError(effect.error.code, effect.error.message);
  }
  throw new ProviderRejectedError(
    FulfilmentErrorCode.voided,
    `${effect.operation} ${effect.idempotencyKey} was cancelled before it was made`,
  );
}

export function stringField(result: Record<string, string | number>, name: string): string {
  const value = result[name];
  if (typeof value !== 'string') throw new TypeError(`sandbox effect result has no string ${name}`);
  return value;
}

export function numberField(result: Record<string, string | number>, name: string): number {
  const value = result[name];
  if (typeof value !== 'number') throw new TypeError(`sandbox effect result has no number ${name}`);
  return value;
}
