import { PermanentError } from '@conveyor/contracts';

/** Schedule names are unique per tenant. */
export class ScheduleNameTakenError extends PermanentError {
  constructor(name: string) {
    super('SCHEDULE_NAME_TAKEN', `a schedule named ${name} already exists`);
  }
}
