import { RetryableError } from '@conveyor/contracts';
import { FulfilmentErrorCode } from '../../fulfilment-error-codes.ts';

/** The provider could not be reached or failed transiently: the call may succeed later. */
export class ProviderUnavailableError extends RetryableError {
  constructor(provider: string, options?: ErrorOptions) {
    super(FulfilmentErrorCode.providerUnavailable, `the ${provider} provider is unavailable`, options);
  }
}
