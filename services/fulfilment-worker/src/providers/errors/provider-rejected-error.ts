import { PermanentError } from '@conveyor/contracts';

/** The provider said no for good (card declined, out of stock, undeliverable): retrying will not help. */
export class ProviderRejectedError extends PermanentError {}
