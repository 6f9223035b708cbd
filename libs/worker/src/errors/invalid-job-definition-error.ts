import { PermanentError } from '@conveyor/contracts';
import { WorkerErrorCode } from './worker-error-codes.ts';

/** Thrown by defineJob and createWorker: a definition that cannot run, named with why. */
export class InvalidJobDefinitionError extends PermanentError {
  constructor(type: string, reason: string) {
    super(WorkerErrorCode.invalidJobDefinition, `job "${type}": ${reason}`);
  }
}
