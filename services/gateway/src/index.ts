// @conveyor/gateway: the HTTP API as a library, for main.ts and for in-process tests.
export { buildGateway, defaultGatewayOptions, type GatewayApp } from './app.ts';
export type { GatewayDeps, GatewayOptions } from './gateway-deps.ts';
export { ensureGatewayIndexes } from './gateway-indexes.ts';
export { startGateway, type RunningGateway, type StartGatewayOptions } from './service.ts';
export { gatewayEnv, readConfig, type GatewayConfig } from './config.ts';
export { GatewayErrorCode } from './errors/gateway-error-codes.ts';
export { httpFailureOf, httpStatusOfCode } from './http/error-statuses.ts';
