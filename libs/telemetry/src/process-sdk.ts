// The process's one OpenTelemetry SDK once the preload has started it: the project's one global (see
// the README). Kept apart from NodeSDK itself so that importing @conveyor/telemetry (the CLI, tests)
// does not load the SDK and its exporters.
import { TelemetryAlreadyStartedError } from './telemetry-already-started-error.ts';

export interface RunningSdk {
  shutdown(): Promise<void>;
}

let running: RunningSdk | undefined;

export function processSdk(): RunningSdk | undefined {
  return running;
}

export function refuseSecondProcessSdk(): void {
  if (running !== undefined) throw new TelemetryAlreadyStartedError(['process SDK']);
}

export function keepProcessSdk(sdk: RunningSdk): void {
  refuseSecondProcessSdk();
  running = sdk;
}
