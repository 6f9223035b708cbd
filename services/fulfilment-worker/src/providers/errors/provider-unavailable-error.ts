import { RetryableError } from '@conveyor/contracts';

/** The provider could not be reached or failed transiently: the call may succeed later. */
export class ProviderUnavailableError extends RetryableError {
  constructor(provider: string, options?: ErrorOptions) {
    super('PROVIDER_UNAVAILABLE', `the ${provider} provider is unavailable`, options);
  }
}
