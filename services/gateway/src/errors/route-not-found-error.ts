import { PermanentError } from '@conveyor/contracts';

export class RouteNotFoundError extends PermanentError {
  constructor(method: string, url: string) {
    super('ROUTE_NOT_FOUND', `no route ${method} ${url}`);
  }
}
