// Node flags every Conveyor service process runs with (npm start, the e2e stack; the Dockerfile sets
// the same through NODE_OPTIONS). V8's default young generation grows to ~48 MB under message load;
// 4 MB semi-spaces kept every worker under 150 MB RSS at the same CPU per order (test/bench/PERFORMANCE.md).
// The telemetry preload starts OpenTelemetry's NodeSDK before the service's code is imported, as its
// instrumentations need (libs/telemetry/README.md); given as a file URL so that any working directory works.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const telemetryPreload = pathToFileURL(
  createRequire(import.meta.url).resolve('@conveyor/telemetry/preload'),
).href;

export const serviceNodeFlags: readonly string[] = [
  '--max-semi-space-size=4',
  `--import=${telemetryPreload}`,
];
