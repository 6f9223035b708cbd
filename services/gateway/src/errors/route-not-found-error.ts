import { PermanentError } from '@conveyor/contracts';
import { GatewayErrorCode } from './gateway-error-codes.ts';

export class RouteNotFoundError extends PermanentError {
  constructor(method: string, url: string) {
    super(GatewayErrorCode.routeNotFound, `no route ${method} ${url}`);
  }
}
