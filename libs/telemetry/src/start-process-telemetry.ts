// Starts the process's NodeSDK from the environment. Only the preload calls it, once, before the
// application is imported, so that the instrumentations patch modules as they load.
import { NodeSDK } from '@opentelemetry/sdk-node';
import { processSdkSetup, type Environment } from './process-sdk-setup.ts';
import { keepProcessSdk, refuseSecondProcessSdk } from './process-sdk.ts';

export function startProcessTelemetry(env: Environment, entryPath: string | undefined): void {
  refuseSecondProcessSdk();
  const setup = processSdkSetup(env, entryPath);
  const sdk = new NodeSDK(setup.configuration);
  sdk.start();
  setup.afterStart();
  keepProcessSdk(sdk);
}
