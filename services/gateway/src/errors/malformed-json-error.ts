import { PermanentError } from '@conveyor/contracts';
import { GatewayErrorCode } from './gateway-error-codes.ts';

/**
 * The body is not JSON. The parser's own message is not used: it quotes the body, and rejected requests
 * are logged, so a secret in a broken body would reach the log.
 */
export class MalformedJsonError extends PermanentError {
  constructor(detail: 'empty' | 'invalid') {
    super(
      GatewayErrorCode.malformedJson,
      detail === 'empty'
        ? 'request body is empty but its content-type is JSON'
        : 'request body is not valid JSON',
    );
  }
}
