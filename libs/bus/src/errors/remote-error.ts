import { ConveyorError, type WireError } from '@conveyor/contracts';

/** The responder of a request failed; its code and retryability travel back unchanged. */
export class RemoteError extends ConveyorError {
  readonly code: string;
  readonly retryable: boolean;

  constructor(wire: WireError) {
    super(wire.message);
    this.code = wire.code;
    this.retryable = wire.retryable;
  }
}
