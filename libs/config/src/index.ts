export { loadConfig } from './load-config.ts';
export { ConfigError, type ConfigIssue } from './config-error.ts';
export { ConfigErrorCode } from './config-error-codes.ts';
export {
  envUrl,
  envPort,
  envPositiveInt,
  envNonNegativeInt,
  envPositiveNumber,
  envBoolean,
  envLogLevel,
  commonEnv,
} from './env-types.ts';
export { envRetryTiers, type EnvRetryTier } from './env-retry-tiers.ts';
export { envQueueType } from './env-queue-type.ts';
