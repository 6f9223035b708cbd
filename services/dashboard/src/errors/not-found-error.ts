import { ContractsErrorCode, PermanentError } from '@conveyor/contracts';

/** The order, job, dead letter or schedule named in the URL does not exist: a 404 page. */
export class NotFoundError extends PermanentError {
  readonly resource: string;
  readonly id: string;

  constructor(resource: string, id: string) {
    super(ContractsErrorCode.notFound, `${resource} ${id} not found`);
    this.resource = resource;
    this.id = id;
  }
}
