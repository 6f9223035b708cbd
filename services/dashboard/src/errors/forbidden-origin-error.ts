import { PermanentError } from '@conveyor/contracts';
import { DashboardErrorCode } from './dashboard-error-codes.ts';

/** A form posted from another site with the operator's cookie: refused (defence in depth over SameSite). */
export class ForbiddenOriginError extends PermanentError {
  constructor(origin: string) {
    super(DashboardErrorCode.forbiddenOrigin, `a form from ${origin} may not act on this dashboard`);
  }
}
