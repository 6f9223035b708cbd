import { PermanentError } from '@conveyor/contracts';
import { GatewayErrorCode } from './gateway-error-codes.ts';

/** Schedule names are unique per tenant. */
export class ScheduleNameTakenError extends PermanentError {
  constructor(name: string) {
    super(GatewayErrorCode.scheduleNameTaken, `a schedule named ${name} already exists`);
  }
}
