import { PermanentError } from '@conveyor/contracts';
import { ApiKeysErrorCode } from '../api-keys-error-codes.ts';

/** A key chosen elsewhere (the development key) has the id of another key already stored. */
export class ApiKeyIdTakenError extends PermanentError {
  readonly keyId: string;

  constructor(keyId: string) {
    super(
      ApiKeysErrorCode.apiKeyIdTaken,
      `another API key with id ${keyId} is already stored; choose another id`,
    );
    this.keyId = keyId;
  }
}
