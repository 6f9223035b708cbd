import { PermanentError } from '@conveyor/contracts';

/** A key chosen elsewhere (the development key) has the id of another key already stored. */
export class ApiKeyIdTakenError extends PermanentError {
  readonly keyId: string;

  constructor(keyId: string) {
    super('API_KEY_ID_TAKEN', `another API key with id ${keyId} is already stored; choose another id`);
    this.keyId = keyId;
  }
}
