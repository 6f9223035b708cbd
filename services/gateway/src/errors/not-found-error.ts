import { ContractsErrorCode, PermanentError } from '@conveyor/contracts';

/** The resource does not exist for this tenant (another tenant's id reads the same as a missing one). */
export class NotFoundError extends PermanentError {
  readonly resource: string;
  readonly id: string;

  constructor(resource: string, id: string) {
    super(ContractsErrorCode.notFound, `${resource} ${id} not found`);
    this.resource = resource;
    this.id = id;
  }
}
