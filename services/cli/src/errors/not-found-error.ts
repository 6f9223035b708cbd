import { ContractsErrorCode, PermanentError } from '@conveyor/contracts';

/** The order, dead letter or schedule named does not exist: exit code 3. */
export class NotFoundError extends PermanentError {
  readonly resource: string;
  readonly id: string;

  constructor(resource: string, id: string) {
    super(ContractsErrorCode.notFound, `${resource} ${id} not found`);
    this.resource = resource;
    this.id = id;
  }
}
