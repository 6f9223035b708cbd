import { PermanentError } from '@conveyor/contracts';

/** The gateway answered with an error (`{"error":{"code","message","details"}}`); its code is kept. */
export class GatewayRequestError extends PermanentError {
  readonly status: number;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown) {
    super(code, `gateway answered ${status} ${code}: ${message}`);
    this.status = status;
    this.details = details;
  }
}
