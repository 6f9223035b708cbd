import { PermanentError } from '@conveyor/contracts';
import { BusErrorCode } from './bus-error-codes.ts';

/** The bus was closed by its owner: nothing more will be published or consumed on it. */
export class BusClosedError extends PermanentError {
  constructor(what: string) {
    super(BusErrorCode.closed, `${what}: the bus is closed`);
  }
}
