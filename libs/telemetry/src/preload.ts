// Loaded before a service's main.ts (`node --import @conveyor/telemetry/preload services/x/src/main.ts`;
// the image sets it in NODE_OPTIONS): starts the process's NodeSDK from the OTEL_* environment before the
// application imports anything, so that the instrumentations' require hook patches the packages they
// instrument as those load. No ESM loader hook is registered: the instrumentations in use patch
// CommonJS files, and the hook (import-in-the-middle) costs each process ~30 MB and ~0.5 s of CPU at
// start (see the README for when one would be needed).
import { startProcessTelemetry } from './start-process-telemetry.ts';

startProcessTelemetry(process.env, process.argv[1]);
