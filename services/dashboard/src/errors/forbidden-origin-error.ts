import { PermanentError } from '@conveyor/contracts';

/** A form posted from another site with the operator's cookie: refused (defence in depth over SameSite). */
export class ForbiddenOriginError extends PermanentError {
  constructor(origin: string) {
    super('FORBIDDEN_ORIGIN', `a form from ${origin} may not act on this dashboard`);
  }
}
