export { loadConfig } from './load-config.ts';
export { ConfigError, type ConfigIssue } from './config-error.ts';
export { envUrl, envPort, envPositiveInt, envBoolean, envLogLevel, commonEnv } from './env-types.ts';
