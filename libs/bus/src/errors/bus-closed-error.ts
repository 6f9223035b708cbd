import { PermanentError } from '@conveyor/contracts';

/** The bus was closed by its owner: nothing more will be published or consumed on it. */
export class BusClosedError extends PermanentError {
  constructor(what: string) {
    super('BUS_CLOSED', `${what}: the bus is closed`);
  }
}
