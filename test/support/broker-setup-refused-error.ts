/**
 * Setting up `npm start`'s own vhost would change something it did not create (a user or vhost of the
 * same name, or the default vhost): permanent, the message says what to rename.
 */
export class BrokerSetupRefusedError extends Error {
  readonly code = 'BROKER_SETUP_REFUSED';
  readonly retryable = false;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BrokerSetupRefusedError';
  }
}
